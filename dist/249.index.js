export const id = 249;
export const ids = [249];
export const modules = {

/***/ 2249:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/engine/severity.ts
var engine_severity = __webpack_require__(4363);
// EXTERNAL MODULE: ./src/config/terraform-tokens.ts
var terraform_tokens = __webpack_require__(3037);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/github/client.ts



/**
 * Octokit as the ecosystem builds it: `GITHUB_API_URL` (GHES) via @actions/github, writes throttled
 * and serialised, secondary rate limits retried twice honouring `retry-after`, primary limits once.
 */
function createClient(token, log) {
    return (0,github/* getOctokit */.Q)(token, {
        throttle: {
            onRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log.warning(`GitHub rate limit reached on ${options.method} ${options.url}; retrying in ${retryAfter} s.`);
                return retryCount < 1 && retryAfter < 60;
            },
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
                log.warning(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s.`);
                return retryCount < 2;
            },
        },
        retry: { doNotRetry: [400, 401, 403, 404, 422, 451] },
    }, plugin_throttling_dist_bundle/* throttling */.A, dist_bundle/* retry */.L);
}
/** 403 "Resource not accessible by integration" and 404 on a write mean a read-only token: degrade, do not fail. */
function isPermissionError(error) {
    const status = error.status;
    if (status === 404)
        return true;
    if (status !== 403)
        return false;
    const message = String(error.message ?? '').toLowerCase();
    return !message.includes('rate limit');
}

// EXTERNAL MODULE: ./src/config/calendar-day.ts
var calendar_day = __webpack_require__(8121);
// EXTERNAL MODULE: ./src/config/azure-clouds.ts
var azure_clouds = __webpack_require__(5112);
;// CONCATENATED MODULE: ./src/github/inputs.ts



/** An invalid input: the message names it and says what it accepts. */
class InputError extends Error {
}
/** Reads and validates inputs through `read` (core.getInput in the action, a map in tests). */
function readInputs(read) {
    const text = (name) => read(name).trim();
    const list = (name) => text(name)
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean);
    const choice = (name, allowed, fallback) => {
        const value = text(name) || fallback;
        if (!allowed.includes(value))
            throw new InputError(`Input '${name}' must be one of ${allowed.join(', ')}; got '${value}'.`);
        return value;
    };
    const integer = (name, fallback, min, max) => {
        const raw = text(name);
        if (!raw)
            return fallback;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < min || value > max)
            throw new InputError(`Input '${name}' must be a whole number from ${min} to ${max}; got '${raw}'.`);
        return value;
    };
    const boolean = (name, fallback) => {
        const raw = text(name).toLowerCase();
        if (!raw)
            return fallback;
        if (raw === 'true' || raw === 'false')
            return raw === 'true';
        throw new InputError(`Input '${name}' must be true or false; got '${raw}'.`);
    };
    const optional = (name) => text(name) || undefined;
    const token = text('github-token');
    if (!token)
        throw new InputError("Input 'github-token' is required (the default is the workflow's GITHUB_TOKEN).");
    const failOn = optional('fail-on');
    if (failOn !== undefined && failOn !== 'none' && !engine_severity/* SEVERITIES */.oC.includes(failOn)) {
        throw new InputError(`Input 'fail-on' must be one of ${[...engine_severity/* SEVERITIES */.oC, 'none'].join(', ')}; got '${failOn}'.`);
    }
    const now = optional('now');
    if (now !== undefined && !(0,calendar_day/* isValidDate */.v)(now))
        throw new InputError(`Input 'now' must be a real day written YYYY-MM-DD; got '${now}'.`);
    return {
        token,
        paths: list('paths'),
        workingDirectory: text('working-directory') || '.',
        ...(failOn && { failOn: failOn }),
        failScope: choice('fail-scope', ['changed-resources', 'changed-lines', 'all'], 'changed-resources'),
        filterMode: choice('filter-mode', ['added', 'diff_context', 'file', 'nofilter'], 'added'),
        commentThreshold: choice('comment-threshold', engine_severity/* SEVERITIES */.oC, 'medium'),
        maxInlineComments: integer('max-inline-comments', 30, 0, 100),
        suggestions: boolean('suggestions', true),
        commentMode: choice('comment-mode', ['update', 'on-findings', 'hide-and-new', 'off'], 'update'),
        staleComments: choice('stale-comments', ['resolve', 'keep'], 'resolve'),
        checkName: text('check-name') || 'pgbaseline',
        configFile: optional('config-file'),
        baselineFile: optional('baseline-file'),
        whatIfFiles: list('whatif-file'),
        planFiles: list('plan-file'),
        paramFiles: list('params-file'),
        sarifFile: optional('sarif-file'),
        jsonReport: optional('json-report'),
        ...(now && { now: new Date(`${now}T00:00:00Z`) }),
        downloadModules: boolean('download-modules', true),
        live: readLiveInputs(boolean('live', false), list('live-servers'), list('live-scope'), optional, text),
    };
}
function readLiveInputs(enabled, servers, scopes, optional, text) {
    const environment = text('azure-environment') || 'AzureCloud';
    if (!(0,azure_clouds/* isAzureCloud */.$v)(environment)) {
        throw new InputError(`Input 'azure-environment' must be one of ${Object.keys(azure_clouds/* AZURE_CLOUDS */.hb).join(', ')}; got '${environment}'.`);
    }
    const live = {
        enabled: enabled || servers.length > 0 || scopes.length > 0,
        declared: enabled,
        servers,
        scopes,
        environment,
        ...(optional('azure-client-id') && { clientId: optional('azure-client-id') }),
        ...(optional('azure-tenant-id') && { tenantId: optional('azure-tenant-id') }),
        ...(optional('azure-subscription-id') && { subscriptionId: optional('azure-subscription-id') }),
        ...(optional('azure-arm-endpoint') && { armEndpoint: optional('azure-arm-endpoint') }),
    };
    if (live.clientId && !live.tenantId)
        throw new InputError("Input 'azure-tenant-id' is required with 'azure-client-id'.");
    if (enabled && !live.subscriptionId)
        throw new InputError("Input 'live' needs 'azure-subscription-id' to find the servers the IaC declares.");
    return live;
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./src/scan.ts + 3 modules
var scan = __webpack_require__(2675);
// EXTERNAL MODULE: ./src/settings.ts
var settings = __webpack_require__(8750);
// EXTERNAL MODULE: ./src/files/to-posix.ts
var to_posix = __webpack_require__(1600);
;// CONCATENATED MODULE: ./src/github/limits.ts
/** GitHub API limits, named with where they come from (research/prbot-ux.md §2). */
/** Check-run annotations accepted per create/update request. */
const MAX_ANNOTATIONS_PER_REQUEST = 50;
/** Check-run `output.summary` and `output.text`: "must be less than or equal to 65535 bytes"; we keep a margin. */
const MAX_CHECK_OUTPUT_BYTES = 65_000;
/** Issue and review comment bodies: 65,536 characters; we keep a margin. */
const MAX_COMMENT_CHARS = 60_000;
/** `pulls.listFiles` returns at most 3,000 files. */
const MAX_PULL_FILES = 3_000;
/** Job summary: 1 MiB per step; we keep a margin. */
const MAX_JOB_SUMMARY_BYTES = 900_000;
/** Workflow-command annotations shown per step and kind (docs/problem-matchers.md). */
const MAX_WORKFLOW_ANNOTATIONS_PER_KIND = 10;

;// CONCATENATED MODULE: ./src/github/truncate.ts
/**
 * Cuts Markdown to a budget on a line boundary, saying where the rest is. `measure` is GitHub's unit for the field:
 * UTF-8 bytes for check runs and job summaries, characters for comment and review bodies. A single line longer than
 * the budget is cut on a code point, never inside a surrogate pair.
 */
function truncateText(text, max, note, measure) {
    if (measure(text) <= max)
        return text;
    const budget = max - measure(`\n\n${note}\n`);
    const kept = [];
    let size = 0;
    for (const line of text.split('\n')) {
        const next = measure(`${line}\n`);
        if (size + next > budget) {
            if (kept.length === 0)
                kept.push(cutCodePoints(line, budget, measure));
            break;
        }
        size += next;
        kept.push(line);
    }
    return `${kept.join('\n')}\n\n${note}\n`;
}
/** Both of GitHub's units add up code point by code point, so one pass measures each code point once. */
function cutCodePoints(line, budget, measure) {
    let size = 0;
    let end = 0;
    for (const char of line) {
        size += measure(char);
        if (size > budget)
            break;
        end += char.length;
    }
    return line.slice(0, end);
}
const utf8Bytes = (text) => Buffer.byteLength(text, 'utf8');
/** GitHub counts a body's characters as code points. */
const characters = (text) => [...text].length;
function truncateUtf8(text, maxBytes, note) {
    return truncateText(text, maxBytes, note, utf8Bytes);
}

;// CONCATENATED MODULE: ./src/github/check-run.ts




const ANNOTATION_LEVELS = { error: 'failure', warning: 'warning', note: 'notice' };
/** Annotations beyond this go to the job summary only. */
const MAX_ANNOTATIONS = 1_000;
/**
 * Starts the check run, in progress, so the pull request shows that a scan runs. A re-run on the same commit takes
 * up its own earlier run (same name and external id) instead of adding one more.
 */
async function startCheckRun(client, target) {
    const { data: existing } = await client.rest.checks.listForRef({ owner: target.owner, repo: target.repo, ref: target.headSha, check_name: target.name, filter: 'all', per_page: 100 });
    const earlier = existing.check_runs.find((run) => run.external_id === target.externalId);
    if (earlier) {
        await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: earlier.id, status: 'in_progress' });
        return { id: earlier.id, reused: true };
    }
    const { data } = await client.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        name: target.name,
        head_sha: target.headSha,
        external_id: target.externalId,
        status: 'in_progress',
    });
    return { id: data.id, reused: false };
}
/**
 * Sends annotations in batches of 50 (the API's limit per request), the last batch with the conclusion that
 * completes the run. Summary and text stay within 65,535 bytes, truncated on a line with a pointer.
 */
async function completeCheckRun(client, target, run, report) {
    const ordered = [...report.findings].sort(engine_severity/* bySeverity */.Np);
    // Findings on a live server that no file declares have no line in the repository to annotate.
    const all = ordered.filter((finding) => !finding.file.startsWith('azure:')).slice(0, MAX_ANNOTATIONS).map((finding) => ({
        path: (0,to_posix/* toPosix */.d)(finding.file),
        start_line: finding.line,
        end_line: Math.max(finding.line, finding.endLine),
        annotation_level: ANNOTATION_LEVELS[(0,engine_severity/* levelOf */.In)(finding.severity)],
        title: `${finding.severity}: ${finding.ruleId}`.slice(0, 255),
        message: finding.message,
        ...(finding.fix && { raw_details: `Fix:\n${finding.fix}` }),
    }));
    const output = {
        title: report.title,
        summary: truncateUtf8(report.summary, MAX_CHECK_OUTPUT_BYTES, '_Truncated: the job summary has the full report._'),
        text: truncateUtf8(report.text, MAX_CHECK_OUTPUT_BYTES, '_Truncated: the job summary has the full report._'),
    };
    // GitHub appends annotations on every update, so a run taken up again gets only those it does not have yet.
    const present = run.reused ? await client.paginate(client.rest.checks.listAnnotations, { owner: target.owner, repo: target.repo, check_run_id: run.id, per_page: 100 }) : [];
    const key = (annotation) => [annotation.path, annotation.start_line, annotation.title, annotation.message].join('\u0000');
    const seen = new Set(present.map(key));
    const annotations = all.filter((annotation) => !seen.has(key(annotation)));
    const batches = Math.max(1, Math.ceil(annotations.length / MAX_ANNOTATIONS_PER_REQUEST));
    const update = (batch, completed) => client.rest.checks.update({
        owner: target.owner,
        repo: target.repo,
        check_run_id: run.id,
        ...(completed && { status: 'completed', conclusion: report.conclusion }),
        output: { ...output, annotations: annotations.slice(batch * MAX_ANNOTATIONS_PER_REQUEST, (batch + 1) * MAX_ANNOTATIONS_PER_REQUEST) },
    });
    for (let batch = 0; batch < batches - 1; batch++)
        await update(batch, false);
    try {
        await update(batches - 1, true);
    }
    catch (error) {
        // The conclusion must land whatever GitHub thinks of an annotation: a run left in progress blocks the merge forever.
        if (error.status !== 422)
            throw error;
        await client.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: run.id, status: 'completed', conclusion: report.conclusion, output });
    }
    return { batches };
}

;// CONCATENATED MODULE: ./src/github/parse-patch.ts
/** Parses a `patch` from `pulls.listFiles`; `\ No newline at end of file` and removed lines take no new line. */
function parsePatch(patch) {
    const added = new Set();
    const commentable = new Set();
    let line = 0;
    let inHunk = false;
    for (const text of patch.split('\n')) {
        const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
        if (header) {
            line = Number(header[1]);
            inHunk = true;
            continue;
        }
        if (!inHunk || text.startsWith('\\'))
            continue;
        if (text.startsWith('+')) {
            added.add(line);
            commentable.add(line);
            line++;
        }
        else if (text.startsWith(' ')) {
            commentable.add(line);
            line++;
        }
    }
    return { added, commentable };
}

;// CONCATENATED MODULE: ./src/github/pull-request.ts




const IAC_FILE = /\.(tf|tfvars|bicep|bicepparam|json)$/;
/** The pull request of a `pull_request` or `pull_request_target` event payload. */
function pullRequestOf(payload, repository, actor) {
    const pr = payload.pull_request;
    if (!pr)
        return undefined;
    const [owner, repo] = repository.split('/');
    const fork = pr.head.repo?.full_name !== pr.base.repo.full_name;
    return {
        owner,
        repo,
        number: pr.number,
        headSha: pr.head.sha,
        readOnly: fork || actor === 'dependabot[bot]',
        ...(typeof pr.changed_files === 'number' && { changedFiles: pr.changed_files }),
    };
}
/**
 * Every file of the pull request with its changed lines (paginated). GitHub stops at 3,000 files: `truncated` says
 * that the list is shorter than the pull request, so the files past it were never seen.
 */
async function listChangedFiles(client, pr) {
    const files = await client.paginate(client.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
    const truncated = files.length >= MAX_PULL_FILES && (pr.changedFiles === undefined || pr.changedFiles > files.length);
    return {
        files: new Map(files.slice(0, MAX_PULL_FILES).map((file) => [
            file.filename,
            { path: file.filename, status: file.status, ...(file.patch !== undefined && { lines: parsePatch(file.patch) }) },
        ])),
        truncated,
    };
}
/**
 * What to scan for a pull request: every IaC file in the folders of the changed IaC files, so a
 * changed child resource is evaluated with its server and module context.
 */
function scanTargets(changed, workspace, root) {
    const folders = new Set();
    for (const file of changed.values()) {
        if (file.status === 'removed' || !IAC_FILE.test(file.path) || !isUnder(file.path, root))
            continue;
        folders.add((0,external_node_path_.dirname)(file.path));
    }
    const targets = [];
    for (const folder of folders) {
        try {
            for (const entry of (0,external_node_fs_.readdirSync)((0,external_node_path_.resolve)(workspace, folder), { withFileTypes: true })) {
                if (entry.isFile() && IAC_FILE.test(entry.name))
                    targets.push((0,external_node_path_.join)(folder, entry.name));
            }
        }
        catch {
            // The folder is gone at the head commit: nothing to scan there.
        }
    }
    return targets.sort();
}
function isUnder(path, root) {
    return root === '.' || root === '' || path === root || path.startsWith(`${root.replace(/\/$/, '')}/`);
}

;// CONCATENATED MODULE: ./src/github/pull-request-scope.ts

/**
 * The folders of the changed IaC files, for a pull request; `paths` otherwise. A pull request past GitHub's
 * 3,000-file list cannot be diffed: `paths` is scanned whole and every finding gates, and the summary says so.
 */
async function readScope(client, pr, options, log) {
    const fullPaths = options.paths.length ? options.paths : [options.workingDirectory];
    if (!pr)
        return { paths: fullPaths, failScope: options.failScope };
    let listed;
    try {
        listed = await listChangedFiles(client, pr);
    }
    catch (error) {
        log.warning(`Cannot list the pull request's files (${error.status ?? ''} ${error instanceof Error ? error.message : String(error)}): ` +
            `scanning ${options.workingDirectory} whole, without a diff filter. Grant 'pull-requests: read'.`);
        return { paths: fullPaths, failScope: options.failScope };
    }
    if (!listed.truncated)
        return { changed: listed.files, paths: scanTargets(listed.files, options.workspace, options.workingDirectory), failScope: options.failScope };
    const truncation = `GitHub lists only the first ${listed.files.size.toLocaleString('en-US')} of the ${pr.changedFiles?.toLocaleString('en-US') ?? 'more'} files this pull request changes, ` +
        `so ${fullPaths.join(', ')} was scanned whole and every finding counts for the gate.`;
    log.warning(truncation);
    return { changed: listed.files, paths: fullPaths, failScope: 'all', truncation };
}

;// CONCATENATED MODULE: ./src/github/reporters/annotations.ts


/**
 * Workflow-command annotations when nothing could be posted (a read-only token): what the pull request changed
 * first, since the runner shows only ten of each kind; the job summary has the rest.
 */
const annotateWhenDegraded = async ({ host, session, verdict }) => {
    if (session.mode !== 'degraded')
        return;
    const ordered = [...verdict.active.filter(verdict.inScope), ...verdict.active.filter((finding) => !verdict.inScope(finding))];
    const top = (wanted) => ordered.filter(wanted).slice(0, MAX_WORKFLOW_ANNOTATIONS_PER_KIND);
    for (const finding of [...top((finding) => (0,engine_severity/* levelOf */.In)(finding.severity) === 'error'), ...top((finding) => (0,engine_severity/* levelOf */.In)(finding.severity) !== 'error')])
        host.annotate(finding);
};

;// CONCATENATED MODULE: ./src/github/reporters/check-run.ts



/** The check run's conclusion, summary and annotations (the run was started before the scan). */
const completeCheck = async ({ client, session, verdict, target, checkRun }) => {
    if (checkRun === undefined)
        return;
    const { active, blocking } = verdict;
    const conclusion = blocking.length ? 'failure' : active.length ? 'neutral' : 'success';
    const counts = (0,summary/* countBySeverity */.Ot)(active);
    await session.write('complete the check run', 'checks: write', () => completeCheckRun(client, target, checkRun, {
        findings: active,
        conclusion,
        title: `${active.length} finding(s): ${engine_severity/* SEVERITIES */.oC.map((severity) => `${counts[severity]} ${severity}`).join(', ')}`,
        summary: `${verdict.gate}\n\n${verdict.markdown}`,
        text: '',
    }));
};

// EXTERNAL MODULE: ./rules/index.ts + 32 modules
var rules = __webpack_require__(444);
// EXTERNAL MODULE: ./src/report/format-json.ts
var format_json = __webpack_require__(5714);
// EXTERNAL MODULE: ./src/report/format-sarif.ts
var format_sarif = __webpack_require__(4667);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/github/reporters/files.ts






/** `sarif-file` and `json-report`, in the workspace, for upload-sarif and other steps. */
const writeReportFiles = async ({ inputs, env, host, verdict }) => {
    const write = (file, text) => {
        const path = (0,external_node_path_.resolve)(env.workspace, file);
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        (0,external_node_fs_.writeFileSync)(path, text);
    };
    if (inputs.sarifFile) {
        write(inputs.sarifFile, (0,format_sarif/* formatSarif */.z)(verdict.result, rules/* RULES */.y, version/* VERSION */.x));
        host.info(`SARIF written to ${inputs.sarifFile}: upload it with github/codeql-action/upload-sarif.`);
    }
    if (inputs.jsonReport)
        write(inputs.jsonReport, (0,format_json/* formatJson */.I)(verdict.result));
};

;// CONCATENATED MODULE: ./src/github/reporters/job-summary.ts


/** The job summary, always written, whatever the token may do. */
const writeJobSummary = async ({ host, session, verdict }) => {
    const summary = session.mode === 'degraded'
        ? `> Read-only token: nothing was posted on the pull request; this summary and the annotations have the findings.\n\n${verdict.markdown}`
        : verdict.markdown;
    await host.writeSummary(truncateUtf8(summary, MAX_JOB_SUMMARY_BYTES, '_Truncated at the job summary size limit: the JSON or SARIF report has every finding._'));
};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/report/format-markdown.ts
var format_markdown = __webpack_require__(9365);
;// CONCATENATED MODULE: ./src/github/our-identity.ts
/**
 * Comments we trust as our own. With the workflow's GITHUB_TOKEN they are `github-actions[bot]` (REST) or
 * `github-actions` (GraphQL); with a GitHub App token, the app's own bot. Either way the author is a Bot account,
 * which a person cannot post as, so a marker pasted by a person into their comment is never trusted.
 */
const OUR_LOGINS = new Set(['github-actions[bot]', 'github-actions']);
function isOurs(author) {
    if (!author)
        return false;
    return OUR_LOGINS.has(author.login ?? '') || author.type === 'Bot' || author.__typename === 'Bot';
}

// EXTERNAL MODULE: ./src/engine/finding-kinds.ts
var finding_kinds = __webpack_require__(1669);
;// CONCATENATED MODULE: ./src/github/render-comment.ts


const ICONS = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };
const MARKER = /<!-- pgbaseline:v1 fp=([0-9a-f]+) /;
/** The hidden marker that identifies a finding across runs, whatever line it moves to. */
function findingMarker(finding) {
    return `<!-- pgbaseline:v1 fp=${finding.fingerprint} rule=${finding.ruleId} -->`;
}
function markerFingerprint(body) {
    return MARKER.exec(body)?.[1];
}
/**
 * An inline review comment: what is wrong, the fix (a `suggestion` when the fix replaces the
 * commented line), and the docs link. `line` is the source text of the commented line.
 */
function renderInlineComment(finding, line, suggestions) {
    const parts = [`${ICONS[finding.severity]} **${finding.severity}** · \`${finding.ruleId}\` · ${(0,format_markdown/* escapeMarkdown */.FV)(finding.title)}`, '', (0,format_markdown/* escapeMarkdown */.FV)(finding.message), ''];
    const suggestion = suggestions ? suggestLine(finding.fix, line) : undefined;
    if (suggestion !== undefined) {
        parts.push(fenced('suggestion', suggestion));
    }
    else if (finding.fix) {
        parts.push('**Fix**', '', fenced(languageOf(finding.file), finding.fix));
    }
    const accept = (0,finding_kinds/* isSuppressible */.qj)(finding.ruleId) ? ` · to accept it on purpose: \`pgbaseline:ignore ${finding.ruleId} -- <reason>\`` : '';
    parts.push('', `[Documentation](${(0,finding_kinds/* docsUrl */.fs)(finding.ruleId)})${accept}`, findingMarker(finding));
    return parts.join('\n');
}
/** A comment on a whole file (no diff line to sit on): the inline comment, saying which line it is about. */
function renderFileComment(finding) {
    const [title, ...rest] = renderInlineComment(finding, undefined, false).split('\n');
    return [`${title} · line ${finding.line}`, ...rest].join('\n');
}
/**
 * A one-line fix that sets the same attribute as the commented line (`public_network_access_enabled
 * = false` on `public_network_access_enabled = true`) replaces that line, keeping its indentation.
 */
function suggestLine(fix, line) {
    if (!fix || !line || fix.includes('\n'))
        return undefined;
    const key = (text) => /^\s*"?([\w.-]+)"?\s*[=:]/.exec(text)?.[1];
    const fixKey = key(fix);
    if (!fixKey || fixKey !== key(line))
        return undefined;
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const comment = /\s(#|\/\/).*$/.exec(fix);
    const replacement = comment ? fix.slice(0, comment.index) : fix;
    const trailingComma = line.trimEnd().endsWith(',') && !replacement.trimEnd().endsWith(',') ? ',' : '';
    return `${indent}${replacement.trim()}${trailingComma}`;
}
function languageOf(file) {
    if (file.endsWith('.bicep') || file.endsWith('.bicepparam'))
        return 'bicep';
    if (file.endsWith('.json'))
        return 'jsonc';
    return 'hcl';
}
/** A code fence longer than any backtick run inside, so repository text cannot close it. */
function fenced(language, body) {
    const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${body}\n${fence}`;
}

;// CONCATENATED MODULE: ./src/github/post-review.ts







/** The review body's marker: the head commit, a digest of what this run reports, and every fingerprint it reports. */
const REVIEW_MARKER = /<!-- pgbaseline:review sha=(\w+) digest=(\w+) fps=([\w,]*) -->/;
/** Fingerprints in the body marker are shortened: 40 bits tell thousands of findings apart. */
const SHORT = 10;
/** Overflow findings listed in the body; the marker still carries all of them. */
const MAX_BODY_FINDINGS = 200;
/**
 * One review per run on the head commit, `event: COMMENT` (the check run blocks, not the review). What an earlier
 * run reported (inline, or in a review body) is not reported again, and the inline cap counts the comments already
 * on the pull request, so a re-run with nothing new posts nothing. A 422 that names a comment's line is narrowed down
 * with pending reviews, which nobody sees and which are deleted, so that exactly one review is submitted, with the
 * refused comments' findings in its body. File-level comments (a file without a usable diff line) can only be added
 * to a pending review (GraphQL `addPullRequestReviewThread`): with them, the review is created pending, they are
 * added, and it is submitted, still one review.
 */
async function postReview(client, pr, candidates, options) {
    const earlier = await reportedEarlier(client, pr);
    const fresh = candidates
        .filter(({ finding }) => !earlier.fingerprints.has(finding.fingerprint) && !earlier.fingerprints.has(finding.fingerprint.slice(0, SHORT)))
        .sort((a, b) => (0,engine_severity/* bySeverity */.Np)(a.finding, b.finding) || a.finding.file.localeCompare(b.finding.file) || (a.line ?? 0) - (b.line ?? 0));
    const outcome = { posted: 0, duplicates: candidates.length - fresh.length, rejected: [] };
    if (fresh.length === 0)
        return outcome;
    const budget = Math.max(0, options.maxInline - earlier.inlineComments);
    const drafts = [];
    const fileDrafts = [];
    for (const { finding, line } of fresh.slice(0, budget)) {
        if (line === undefined)
            fileDrafts.push({ finding, path: finding.file, body: renderFileComment(finding) });
        else
            drafts.push({ finding, comment: { path: finding.file, line, side: 'RIGHT', body: renderInlineComment(finding, options.readLine(finding.file, line), options.suggestions) } });
    }
    const overflow = fresh.slice(budget).map(({ finding }) => finding);
    const event = fileDrafts.length ? undefined : 'COMMENT';
    let inline = drafts;
    let review = await post_review_submit(client, pr, inline, overflow, fresh, event);
    if ('error' in review) {
        // GitHub refused a comment's line: find which with pending reviews, then submit once without them.
        const refused = await findRefused(client, pr, drafts);
        inline = drafts.filter((draft) => !refused.includes(draft));
        outcome.rejected = refused.map((draft) => draft.finding);
        review = await post_review_submit(client, pr, inline, [...outcome.rejected, ...overflow], fresh, event);
        if ('error' in review)
            throw review.error;
    }
    if (fileDrafts.length) {
        const refusedFiles = await addFileThreads(client, review.nodeId, fileDrafts);
        outcome.rejected.push(...refusedFiles);
        await submitPending(client, pr, review.id, reviewBody(pr.headSha, digestOf(fresh), [...outcome.rejected, ...overflow], fresh));
        return { ...outcome, reviewId: review.id, posted: inline.length + fileDrafts.length - refusedFiles.length };
    }
    return { ...outcome, reviewId: review.id, posted: inline.length };
}
/**
 * Fingerprints our earlier runs reported, inline or in a review body, and how many inline comments we have. A pending
 * review of ours is a run that stopped half-way: it is deleted, since GitHub allows one pending review a user.
 */
async function reportedEarlier(client, pr) {
    const params = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 };
    const [comments, reviews] = await Promise.all([client.paginate(client.rest.pulls.listReviewComments, params), client.paginate(client.rest.pulls.listReviews, params)]);
    const ours = reviews.filter((review) => isOurs(review.user));
    for (const leftover of ours.filter((review) => review.state === 'PENDING')) {
        await client.rest.pulls.deletePendingReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: leftover.id });
    }
    const inline = comments.filter((comment) => isOurs(comment.user)).flatMap((comment) => markerFingerprint(comment.body) ?? []);
    const inBodies = ours.filter((review) => review.state !== 'PENDING').flatMap((review) => REVIEW_MARKER.exec(review.body ?? '')?.[3]?.split(',') ?? []);
    return { fingerprints: new Set([...inline, ...inBodies]), inlineComments: inline.length };
}
function digestOf(all) {
    return (0,external_node_crypto_.createHash)('sha256').update(all.map(({ finding }) => finding.fingerprint).sort().join(',')).digest('hex').slice(0, 16);
}
/**
 * Creates the review, submitted (`COMMENT`) or pending (no event). A 5xx or a dropped connection may come after GitHub
 * created it: before trying again, look for a review of this run (its digest on the head commit), so that a retry
 * never posts it twice.
 */
async function post_review_submit(client, pr, inline, inBody, all, event) {
    const digest = digestOf(all);
    const body = reviewBody(pr.headSha, digest, inBody, all);
    for (let attempt = 0;; attempt++) {
        try {
            const { data } = await client.rest.pulls.createReview({
                owner: pr.owner,
                repo: pr.repo,
                pull_number: pr.number,
                commit_id: pr.headSha,
                ...(event && { event }),
                body,
                comments: inline.map((draft) => draft.comment),
                request: { retries: 0 },
            });
            return { id: data.id, nodeId: data.node_id };
        }
        catch (error) {
            const status = error.status;
            if (status === 422 && inline.length > 0 && namesCommentLine(error))
                return { error };
            if (status !== undefined && status < 500)
                throw error;
            const posted = await findOurReview(client, pr, digest);
            if (posted !== undefined)
                return posted;
            if (attempt >= 2)
                throw error;
        }
    }
}
async function findOurReview(client, pr, digest) {
    const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
    const review = reviews.find((candidate) => {
        const marker = REVIEW_MARKER.exec(candidate.body ?? '');
        return isOurs(candidate.user) && candidate.commit_id === pr.headSha && marker?.[1] === pr.headSha && marker[2] === digest;
    });
    return review && { id: review.id, nodeId: review.node_id };
}
const ADD_FILE_THREAD = `mutation($review: ID!, $path: String!, $body: String!) {
  addPullRequestReviewThread(input: { pullRequestReviewId: $review, path: $path, body: $body, subjectType: FILE }) { thread { id } }
}`;
/** Adds the file-level comments to the pending review; returns the findings of those GitHub would not take. */
async function addFileThreads(client, reviewNodeId, drafts) {
    const refused = [];
    for (const draft of drafts) {
        try {
            await client.graphql(ADD_FILE_THREAD, { review: reviewNodeId, path: draft.path, body: draft.body });
        }
        catch {
            refused.push(draft.finding);
        }
    }
    return refused;
}
/** Submits the pending review with its final body. A submit that GitHub took before failing is not repeated. */
async function submitPending(client, pr, reviewId, body) {
    const params = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: reviewId };
    try {
        await client.rest.pulls.submitReview({ ...params, event: 'COMMENT', body, request: { retries: 0 } });
    }
    catch (error) {
        const { data } = await client.rest.pulls.getReview(params);
        if (data.state === 'PENDING')
            throw error;
    }
}
/** GitHub's 422 for a comment outside the diff ("Line could not be resolved"), as opposed to one about the body. */
function namesCommentLine(error) {
    const { message, response } = error;
    return /line|position|path|diff|pull_request_review_thread/i.test([message, JSON.stringify(response?.data?.errors ?? [])].join(' '));
}
/** Bisects the drafts with pending reviews (invisible, deleted at once) to the ones GitHub refuses. */
async function findRefused(client, pr, drafts) {
    if (drafts.length === 0)
        return [];
    try {
        const { data } = await client.rest.pulls.createReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: pr.headSha, comments: drafts.map((draft) => draft.comment) });
        await client.rest.pulls.deletePendingReview({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, review_id: data.id });
        return [];
    }
    catch (error) {
        if (error.status !== 422 || !namesCommentLine(error))
            throw error;
        if (drafts.length === 1)
            return drafts;
        const middle = Math.ceil(drafts.length / 2);
        return [...(await findRefused(client, pr, drafts.slice(0, middle))), ...(await findRefused(client, pr, drafts.slice(middle)))];
    }
}
function reviewBody(headSha, digest, inBody, all) {
    const marker = `<!-- pgbaseline:review sha=${headSha} digest=${digest} fps=${all.map(({ finding }) => finding.fingerprint.slice(0, SHORT)).join(',')} -->`;
    const lines = [marker, `pgbaseline found ${all.length} new finding(s) on the changed lines; the check run has all of them.`];
    if (inBody.length) {
        const shown = inBody.slice(0, MAX_BODY_FINDINGS);
        lines.push('', `<details><summary>${inBody.length} not commented inline (beyond the inline limit, or on a line GitHub would not take)</summary>`, '');
        for (const finding of shown)
            lines.push(`- **${finding.severity}** \`${finding.ruleId}\` at \`${(0,format_markdown/* escapeCode */.tn)(finding.file)}:${finding.line}\``);
        if (inBody.length > shown.length)
            lines.push(`- … and ${inBody.length - shown.length} more: see the check run.`);
        lines.push('', '</details>');
    }
    return truncateText(lines.join('\n'), MAX_COMMENT_CHARS, '_Truncated: the check run lists every finding._', characters);
}
const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved path comments(first: 1) { nodes { body author { login __typename } } } }
      }
    }
  }
}`;
const RESOLVE_MUTATION = `mutation($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`;
/**
 * Resolves our threads whose finding is gone: only in files scanned this run, so a file the pull request no longer
 * touches does not count as fixed. A human-resolved thread is left alone; one thread that cannot be resolved (deleted
 * meanwhile) does not stop the others.
 */
async function resolveFixedThreads(client, pr, present, scannedFiles) {
    let resolved = 0;
    let failed = 0;
    let cursor = null;
    do {
        const page = await client.graphql(THREADS_QUERY, { owner: pr.owner, repo: pr.repo, number: pr.number, cursor });
        const threads = page.repository.pullRequest.reviewThreads;
        for (const thread of threads.nodes) {
            const first = thread.comments.nodes[0];
            const fingerprint = first && isOurs(first.author) ? markerFingerprint(first.body) : undefined;
            if (!fingerprint || thread.isResolved || present.has(fingerprint) || !scannedFiles.has(thread.path))
                continue;
            try {
                await client.graphql(RESOLVE_MUTATION, { threadId: thread.id });
                resolved++;
            }
            catch {
                failed++;
            }
        }
        cursor = threads.pageInfo.hasNextPage ? threads.pageInfo.endCursor : null;
    } while (cursor);
    return { resolved, failed };
}

;// CONCATENATED MODULE: ./src/github/reporters/review.ts




/** One review of the changed lines, and the threads of fixed findings resolved (pull requests with a write token). */
const reviewPullRequest = async ({ inputs, env, host, client, session, pr, scope, verdict }) => {
    if (!pr || !scope.changed || session.mode !== 'full')
        return {};
    const candidates = verdict.active.flatMap((finding) => {
        const placement = verdict.placements.get(finding);
        if (!placement?.inFilter || !(0,engine_severity/* atOrAbove */.kU)(finding.severity, inputs.commentThreshold))
            return [];
        if (placement.commentLine !== undefined)
            return [{ finding, line: placement.commentLine }];
        // No usable diff line (GitHub sent no patch, or the line is outside the hunks): a comment on the file, when the
        // pull request changes it.
        return placement.inChangedFile ? [{ finding }] : [];
    });
    const review = await session.write('post the review', 'pull-requests: write', () => postReview(client, pr, candidates, { maxInline: inputs.maxInlineComments, suggestions: inputs.suggestions, readLine: lineReader(env.workspace) }));
    if (review?.rejected.length)
        host.warning(`GitHub refused ${review.rejected.length} inline comment(s) (422): they are in the review body, the check run and the summary.`);
    let resolved = 0;
    if (inputs.staleComments === 'resolve') {
        const present = new Set(verdict.result.findings.map((finding) => finding.fingerprint));
        const threads = await session.write('resolve fixed review threads', 'pull-requests: write', () => resolveFixedThreads(client, pr, present, new Set(scope.paths)));
        resolved = threads?.resolved ?? 0;
        if (threads?.failed)
            host.warning(`${threads.failed} review thread(s) of fixed findings could not be resolved; the others were.`);
    }
    return { reviewId: review?.reviewId, posted: review?.posted ?? 0, resolved };
};
function lineReader(workspace) {
    const cache = new Map();
    return (file, line) => {
        if (!cache.has(file)) {
            try {
                cache.set(file, (0,external_node_fs_.readFileSync)((0,external_node_path_.resolve)(workspace, file), 'utf8').split('\n'));
            }
            catch {
                cache.set(file, []);
            }
        }
        return cache.get(file)[line - 1];
    };
}

;// CONCATENATED MODULE: ./src/github/sticky-comment.ts



function stickyMarker(key) {
    return `<!-- pgbaseline:summary key=${key} -->`;
}
/** The body this run would write, and our earlier summary comments of this job and folder, oldest first. */
async function summaryComments(client, pr, key, markdown) {
    const marker = stickyMarker(key);
    const body = truncateText(`${marker}\n${markdown}`, MAX_COMMENT_CHARS, '_Truncated: the job summary has the full report._', characters);
    const comments = await client.paginate(client.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.number, per_page: 100 });
    return { body, ours: comments.filter((comment) => isOurs(comment.user) && comment.body?.startsWith(marker)) };
}
const MINIMIZE = `mutation($id: ID!, $classifier: ReportedContentClassifiers!) { minimizeComment(input: { subjectId: $id, classifier: $classifier }) { minimizedComment { isMinimized } } }`;
/**
 * `comment-mode: hide-and-new`: a fresh summary comment when the summary changed, the earlier ones of this job and
 * folder hidden as outdated (GraphQL `minimizeComment`), so the conversation shows each run's summary in its place.
 */
async function replaceStickyComment(client, pr, key, markdown) {
    const { body, ours } = await summaryComments(client, pr, key, markdown);
    const latest = ours.at(-1);
    if (latest?.body === body)
        return { id: latest.id, hidden: 0 };
    const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    let hidden = 0;
    for (const comment of ours) {
        try {
            await client.graphql(MINIMIZE, { id: comment.node_id, classifier: 'OUTDATED' });
            hidden++;
        }
        catch {
            // A comment deleted meanwhile cannot be hidden; the others still are.
        }
    }
    return { id: data.id, hidden };
}
/**
 * One summary comment per job and folder, updated in place; skipped when the text did not change.
 * Returns the comment's id, or undefined when nothing was written.
 */
async function upsertStickyComment(client, pr, key, markdown, create) {
    const { body, ours: [ours] } = await summaryComments(client, pr, key, markdown);
    if (ours) {
        if (ours.body === body)
            return { id: ours.id, action: 'unchanged' };
        await client.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: ours.id, body });
        return { id: ours.id, action: 'updated' };
    }
    if (!create)
        return { action: 'skipped' };
    const { data } = await client.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
    return { id: data.id, action: 'created' };
}

;// CONCATENATED MODULE: ./src/github/reporters/summary-comment.ts

/** One summary comment per job and folder (`comment-mode`): updated in place, or posted anew with the old ones hidden. */
const updateSummaryComment = async ({ inputs, env, client, session, pr, scope, verdict }) => {
    if (!pr || !scope.changed || session.mode !== 'full' || inputs.commentMode === 'off')
        return {};
    const comment = await session.write('update the summary comment', 'pull-requests: write', () => inputs.commentMode === 'hide-and-new'
        ? replaceStickyComment(client, pr, env.runKey, verdict.markdown)
        : upsertStickyComment(client, pr, env.runKey, verdict.markdown, inputs.commentMode === 'update' || verdict.active.length > 0));
    return { commentId: comment?.id };
};

;// CONCATENATED MODULE: ./src/github/session.ts

/**
 * The run's standing with GitHub. Every write goes through `write`: a read-only token (a fork's, Dependabot's, or a
 * missing permission) degrades the run to annotations and the job summary instead of failing it, and says which
 * permission is missing; any other failure is a warning that never changes the verdict.
 */
class GitHubSession {
    mode;
    log;
    constructor(mode, log) {
        this.mode = mode;
        this.log = log;
    }
    async write(what, permission, action) {
        if (this.mode === 'degraded')
            return undefined;
        try {
            return await action();
        }
        catch (error) {
            if (isPermissionError(error)) {
                this.mode = 'degraded';
                this.log.warning(`Cannot ${what}: the token lacks '${permission}' (GitHub answered ${error.status}). Falling back to annotations and the job summary.`);
            }
            else {
                this.log.warning(`Could not ${what}: ${error instanceof Error ? error.message : String(error)}. The verdict is unaffected.`);
            }
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/github/diff-scope.ts

/** GitHub omits the patch of large files: such a file changed, lines unknown, so all of it counts as changed. */
function isWhollyChanged(file) {
    return file !== undefined && file.lines === undefined && file.status !== 'removed';
}
function placeFinding(finding, changed, mode) {
    const file = changed.get((0,to_posix/* toPosix */.d)(finding.file));
    const inChangedFile = file !== undefined && file.status !== 'removed';
    if (isWhollyChanged(file))
        return { inFilter: mode !== 'diff_context', inChangedResource: true, onChangedLine: true, inChangedFile };
    const lines = file?.lines;
    // A finding may span lines (a firewall range's start and end address): a change to any of them is on it.
    const span = Array.from({ length: Math.max(1, finding.endLine - finding.line + 1) }, (_, index) => finding.line + index);
    const changedInSpan = span.find((line) => lines?.added.has(line));
    const onChangedLine = changedInSpan !== undefined;
    const block = (finding.declaredAt ?? []).filter((at) => at.file === finding.file).at(-1);
    const changedInBlock = block && lines ? [...lines.added].filter((line) => line >= block.line && line <= block.endLine) : [];
    const inChangedResource = onChangedLine ||
        changedInBlock.length > 0 ||
        (finding.declaredAt ?? []).some((at) => {
            const declaredIn = changed.get((0,to_posix/* toPosix */.d)(at.file));
            if (isWhollyChanged(declaredIn))
                return true;
            const declared = declaredIn?.lines;
            return declared !== undefined && [...declared.added].some((line) => line >= at.line && line <= at.endLine);
        });
    // A finding about a missing attribute sits on the resource header; comment on the nearest changed line of the block.
    const nearest = changedInBlock.sort((a, b) => Math.abs(a - finding.line) - Math.abs(b - finding.line))[0];
    const commentLine = changedInSpan ?? (lines?.commentable.has(finding.line) ? finding.line : nearest);
    const inFilter = mode === 'nofilter' ||
        (mode === 'file' && file !== undefined) ||
        (mode === 'diff_context' && commentLine !== undefined) ||
        (mode === 'added' && (onChangedLine || nearest !== undefined));
    return { inFilter, ...(commentLine !== undefined && { commentLine }), inChangedResource, onChangedLine, inChangedFile };
}
/** Whether a finding counts for the gate under `fail-scope`. */
function inGateScope(placement, scope) {
    if (!placement || scope === 'all')
        return true;
    return scope === 'changed-lines' ? placement.onChangedLine : placement.inChangedResource;
}

;// CONCATENATED MODULE: ./src/github/verdict.ts



function judge(result, scope, failOn, filterMode) {
    const placements = new Map();
    if (scope.changed)
        for (const finding of result.findings)
            placements.set(finding, placeFinding(finding, scope.changed, filterMode));
    const inScope = (finding) => inGateScope(placements.get(finding), scope.failScope);
    const blocking = (0,engine_severity/* blockingFindings */.Ur)(result.findings, failOn, inScope);
    const where = scope.failScope === 'all' ? 'the scanned files' : `the ${scope.failScope}`;
    const gate = blocking.length
        ? `**Gate: failed.** ${blocking.length} finding(s) at or above \`${failOn}\` in ${where}: ${[...new Set(blocking.map((finding) => `\`${finding.ruleId}\``))].join(', ')}.`
        : `**Gate: passed.** Nothing at or above \`${failOn}\` in ${where}.`;
    const markdown = `${scope.truncation ? `> ${scope.truncation}\n\n` : ''}${(0,format_markdown/* formatMarkdown */.jI)(result)}\n${gate}\n`;
    return { result, active: (0,engine_severity/* activeFindings */.zP)(result.findings), blocking, failOn, placements, inScope, gate, markdown };
}

;// CONCATENATED MODULE: ./src/github/workflow-run.ts


/** The events whose runs a `workflow_run` report is about: a pull request's, from a fork or not. */
const PULL_REQUEST_RUNS = new Set(['pull_request', 'pull_request_target']);
/**
 * The pull request a `workflow_run` event reports on: the run of a pull request workflow, which on a fork had a
 * read-only token. This run has the base repository's token, so it posts with full rights. GitHub leaves
 * `pull_requests` empty for a fork's run; the pull request is then found by its head branch and commit.
 */
async function pullRequestOfWorkflowRun(client, payload, repository) {
    const run = payload.workflow_run;
    if (!run?.head_sha || !PULL_REQUEST_RUNS.has(run.event ?? ''))
        return undefined;
    const [owner, repo] = repository.split('/');
    let number = run.pull_requests?.find((candidate) => candidate.head?.sha === run.head_sha)?.number;
    if (number === undefined && run.head_branch && run.head_repository?.owner?.login) {
        const { data } = await client.rest.pulls.list({ owner, repo, state: 'open', head: `${run.head_repository.owner.login}:${run.head_branch}`, per_page: 100 });
        number = (data.find((candidate) => candidate.head.sha === run.head_sha) ?? data[0])?.number;
    }
    if (number === undefined)
        return { skip: `No open pull request has ${run.head_sha.slice(0, 7)} as its head: nothing to report on.` };
    const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
    // Pushed again since that run: its diff is no longer this commit's, and the newer run will report.
    if (data.head.sha !== run.head_sha)
        return { skip: `Pull request #${number} has moved on from ${run.head_sha.slice(0, 7)} to ${data.head.sha.slice(0, 7)}: the run of the newer commit reports on it.` };
    return { pr: { owner, repo, number, headSha: run.head_sha, readOnly: false, changedFiles: data.changed_files } };
}
/**
 * The commit checked out in the workspace (`.git/HEAD`, detached or through a ref), or undefined when it cannot be
 * read. A report on a pull request must scan its head, not the default branch the `workflow_run` starts on.
 */
function readCheckedOutCommit(workspace) {
    try {
        const head = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(workspace, '.git', 'HEAD'), 'utf8').trim();
        const ref = /^ref: (.+)$/.exec(head)?.[1];
        if (!ref)
            return head;
        try {
            return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(workspace, '.git', ref), 'utf8').trim();
        }
        catch {
            // `packed-refs` lines are `<sha> <ref>`.
            const packed = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(workspace, '.git', 'packed-refs'), 'utf8').split('\n');
            return packed.find((line) => line.slice(41).trimEnd() === ref && /^[0-9a-f]{40} /.test(line))?.slice(0, 40);
        }
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/github/run-action.ts
















const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** In the order they run: files first (they need no token), the job summary last (it says how the others went). */
const REPORTERS = [writeReportFiles, reviewPullRequest, updateSummaryComment, completeCheck, annotateWhenDegraded, writeJobSummary];
/**
 * One run of the action, as the README tells it: find what the pull request changed, start the check run, scan,
 * judge the findings against the diff and the gate, then let each reporter post what it can.
 */
async function runAction(inputs, env, host, client, live) {
    const pr = PR_EVENTS.has(env.eventName) ? pullRequestOf(env.payload, env.repository, env.actor) : await reportedPullRequest(client, env, host);
    if (pr === 'skip')
        return { mode: 'push' };
    const session = new GitHubSession(pr ? (pr.readOnly ? 'degraded' : 'full') : 'push', host);
    if (pr?.readOnly) {
        host.info('This pull request comes from a fork or Dependabot: its token is read-only, so findings go to annotations and the job summary. ' +
            'For a review and a check run on such pull requests, add the workflow_run report of the README (Fork pull requests).');
    }
    const { config, baseline } = await (0,settings/* resolveSettings */.M)({ cwd: env.workspace, configFile: inputs.configFile, searchFrom: inputs.workingDirectory, baselineFile: inputs.baselineFile });
    const [owner, repo] = env.repository.split('/');
    const headSha = pr?.headSha ?? env.payload.merge_group?.head_sha ?? env.sha;
    const target = { owner, repo, headSha, name: inputs.checkName, externalId: `pgbaseline:${headSha}:${env.runKey}` };
    const scope = await readScope(client, pr, { workspace: env.workspace, workingDirectory: inputs.workingDirectory, paths: inputs.paths, failScope: inputs.failScope }, host);
    const deployedInputs = inputs.planFiles.length + inputs.whatIfFiles.length + inputs.live.servers.length + inputs.live.scopes.length;
    if (scope.paths.length === 0 && deployedInputs === 0)
        return skip(client, session, target, host);
    const checkRun = await session.write('create the check run', 'checks: write', () => startCheckRun(client, target));
    const result = await (0,scan/* scan */.S)({
        paths: scope.paths,
        cwd: env.workspace,
        config,
        baseline,
        paramFiles: inputs.paramFiles,
        planFiles: inputs.planFiles,
        whatIfFiles: inputs.whatIfFiles,
        live,
        parallel: env.parallel,
        now: inputs.now ?? env.now,
        bicepCache: env.bicepCache,
        ...(inputs.downloadModules && env.moduleCache && { downloadModules: { cacheDir: env.moduleCache, tokens: env.terraformTokens } }),
    });
    for (const notice of result.notices)
        host.warning(notice.file ? `${notice.file}:${notice.line ?? 1}: ${notice.message}` : notice.message);
    const verdict = judge(result, scope, inputs.failOn ?? config.failOn ?? 'critical', inputs.filterMode);
    const run = { inputs, env, host, client, session, pr, scope, verdict, target, checkRun };
    const outputs = {};
    for (const reporter of REPORTERS)
        Object.assign(outputs, await reporter(run));
    setOutputs(host, result.findings, verdict.blocking, session.mode, checkRun?.id, outputs, inputs);
    const { blocking, failOn } = verdict;
    const failure = blocking.length ? `pgbaseline: ${blocking.length} finding(s) at or above ${failOn}: ${[...new Set(blocking.map((finding) => finding.ruleId))].join(', ')}` : undefined;
    return { mode: session.mode, ...(failure && { failure }) };
}
/**
 * The pull request a `workflow_run` reports on (the fork pull request recipe of the README), which must be what the
 * workspace has checked out: scanning the default branch instead would pass a gate on code the pull request does not
 * have.
 */
async function reportedPullRequest(client, env, host) {
    if (env.eventName !== 'workflow_run')
        return undefined;
    const found = await pullRequestOfWorkflowRun(client, env.payload, env.repository);
    if (!found)
        return undefined;
    if ('skip' in found) {
        host.info(found.skip);
        return 'skip';
    }
    const checkedOut = readCheckedOutCommit(env.workspace);
    if (checkedOut !== found.pr.headSha) {
        throw new Error(`this workflow_run reports on pull request #${found.pr.number} at ${found.pr.headSha}, but the workspace has ${checkedOut ?? 'no readable Git checkout'}: ` +
            'check out github.event.workflow_run.head_sha from github.event.workflow_run.head_repository.full_name (see the README).');
    }
    return found.pr;
}
/** A pull request that changes no IaC: a skipped check run, so that a required check is not left waiting. */
async function skip(client, session, target, host) {
    const message = 'No Infrastructure-as-Code changed in this pull request: nothing to check.';
    const checkRun = await session.write('create the check run', 'checks: write', () => startCheckRun(client, target));
    if (checkRun !== undefined) {
        await session.write('complete the check run', 'checks: write', () => completeCheckRun(client, target, checkRun, { findings: [], conclusion: 'skipped', title: 'No IaC changed', summary: message, text: '' }));
    }
    await host.writeSummary(`## pgbaseline\n\n${message}\n`);
    setOutputs(host, [], [], session.mode, checkRun?.id, {});
    return { mode: session.mode };
}
function setOutputs(host, findings, blocking, mode, checkId, outputs, inputs) {
    const active = (0,engine_severity/* activeFindings */.zP)(findings);
    const counts = (0,summary/* countBySeverity */.Ot)(active);
    const suppressions = (0,summary/* countSuppressions */.aO)(findings);
    host.setOutput('findings-total', active.length);
    for (const severity of engine_severity/* SEVERITIES */.oC)
        host.setOutput(`findings-${severity}`, counts[severity]);
    host.setOutput('blocking', blocking.length > 0);
    host.setOutput('blocking-rules', [...new Set(blocking.map((finding) => finding.ruleId))].join(','));
    host.setOutput('suppressed-count', suppressions.suppressed);
    host.setOutput('baselined-count', suppressions.baselined);
    host.setOutput('mode', mode);
    host.setOutput('check-run-id', checkId ?? '');
    host.setOutput('review-id', outputs.reviewId ?? '');
    host.setOutput('inline-comments-posted', outputs.posted ?? 0);
    host.setOutput('threads-resolved', outputs.resolved ?? 0);
    host.setOutput('comment-id', outputs.commentId ?? '');
    host.setOutput('sarif-file', inputs?.sarifFile ?? '');
    host.setOutput('report-json', inputs?.jsonReport ?? '');
}

// EXTERNAL MODULE: ./src/sign-in.ts
var sign_in = __webpack_require__(7040);
;// CONCATENATED MODULE: ./src/action.ts










/** The action: the only module that reads inputs, the runner's environment, and decides the exit. */
async function run(entry) {
    try {
        const inputs = readInputs((name) => core/* getInput */.V4(name));
        core/* setSecret */.Pq(inputs.token);
        const env = {
            workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
            eventName: process.env.GITHUB_EVENT_NAME ?? '',
            payload: readEvent(process.env.GITHUB_EVENT_PATH),
            repository: process.env.GITHUB_REPOSITORY ?? '',
            sha: process.env.GITHUB_SHA ?? '',
            actor: process.env.GITHUB_ACTOR ?? '',
            runKey: `${process.env.GITHUB_WORKFLOW ?? 'workflow'}/${process.env.GITHUB_JOB ?? 'job'}/${inputs.workingDirectory}`,
            parallel: { entry, workers: Math.min((0,external_node_os_.availableParallelism)(), 4) },
            bicepCache: (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.bicep'),
            moduleCache: (0,external_node_path_.join)(process.env.RUNNER_TOOL_CACHE ?? (0,external_node_os_.tmpdir)(), 'pgbaseline-modules'),
            terraformTokens: (0,terraform_tokens/* terraformTokens */.t)(process.env),
        };
        const host = {
            info: (message) => core/* info */.pq(message),
            warning: (message) => core/* warning */.$e(message),
            annotate: annotate,
            writeSummary: async (markdown) => {
                await core/* summary */.z.addRaw(markdown).write();
            },
            setOutput: (name, value) => core/* setOutput */.uH(name, value),
        };
        const result = await runAction(inputs, env, host, createClient(inputs.token, host), await liveOptions(inputs.live));
        if (result.failure)
            core/* setFailed */.C1(result.failure);
    }
    catch (error) {
        core/* setFailed */.C1(`pgbaseline: ${error instanceof Error ? error.message : String(error)}`);
    }
}
/**
 * OIDC federation: the workflow's ID token (`permissions: id-token: write`) is exchanged for an Entra
 * token; without one (a fork PR, or no federated credential), the Azure CLI login of azure/login.
 */
async function liveOptions(live) {
    if (!live.enabled)
        return undefined;
    const connection = await (0,sign_in/* signInToAzure */.h)({
        cloud: live.environment,
        authorityHost: process.env.AZURE_AUTHORITY_HOST,
        armEndpoint: live.armEndpoint,
        clientId: live.clientId,
        tenantId: live.tenantId,
        federatedToken: () => core/* getIDToken */.V9('api://AzureADTokenExchange'),
    });
    return {
        ...connection,
        serverIds: live.servers,
        scopes: live.scopes,
        declared: live.declared,
        ...(live.subscriptionId && { subscriptionId: live.subscriptionId }),
    };
}
function readEvent(path) {
    if (!path)
        return {};
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch {
        return {};
    }
}
function annotate(finding) {
    const properties = { file: finding.file, startLine: finding.line, endLine: Math.max(finding.line, finding.endLine), title: `${finding.severity}: ${finding.ruleId}` };
    if ((0,engine_severity/* levelOf */.In)(finding.severity) === 'error')
        core/* error */.z3(finding.message, properties);
    else
        core/* warning */.$e(finding.message, properties);
}


/***/ })

};
