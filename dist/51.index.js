export const id = 51;
export const ids = [51];
export const modules = {

/***/ 51:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadConfig: () => (/* binding */ loadConfig)
});

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/config/find-config.ts
var find_config = __webpack_require__(4410);
// EXTERNAL MODULE: ./src/config/calendar-day.ts
var calendar_day = __webpack_require__(8121);
// EXTERNAL MODULE: ./src/engine/severity.ts
var severity = __webpack_require__(4363);
;// CONCATENATED MODULE: ./src/config/config-schema.ts

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
/**
 * The JSON Schema of `.pgbaseline.yml`, built from the rule catalog so that rule ids and each rule's
 * options are checked exactly. `npm run docs` also writes it to schema/ for editors.
 */
function buildConfigSchema(rules) {
    const ruleIds = rules.map((rule) => rule.id);
    const ruleEntries = Object.fromEntries(rules.map((rule) => [
        rule.id,
        {
            description: rule.title,
            // if/then/else rather than oneOf, so that a validation error comes from the form actually written.
            if: { type: 'object' },
            then: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    enabled: { type: 'boolean' },
                    severity: { enum: [...severity/* SEVERITIES */.oC] },
                    options: {
                        type: 'object',
                        additionalProperties: false,
                        properties: Object.fromEntries(Object.entries(rule.options ?? {}).map(([name, option]) => [name, { type: 'number', description: option.description }])),
                    },
                },
            },
            else: { enum: ['on', 'off', true, false] },
        },
    ]));
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'pgbaseline configuration (.pgbaseline.yml)',
        type: 'object',
        additionalProperties: false,
        properties: {
            rules: { type: 'object', additionalProperties: false, properties: ruleEntries },
            ignorePaths: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs, relative to this file, of paths not to scan' },
            suppressions: {
                type: 'array',
                items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['rule', 'reason'],
                    properties: {
                        rule: { enum: ruleIds },
                        path: { type: 'string', minLength: 1, description: 'Glob, relative to this file' },
                        resource: { type: 'string', minLength: 1, description: 'Resource address; * matches any run of characters' },
                        reason: { type: 'string', minLength: 1 },
                        until: { ...DATE, description: 'YYYY-MM-DD; after this day the suppression no longer applies' },
                    },
                },
            },
            unsuppressible: { type: 'array', items: { enum: ruleIds }, description: 'Rules that no inline comment can silence' },
            failOn: { enum: [...severity/* SEVERITIES */.oC, 'none'] },
            baseline: { type: 'string', minLength: 1, description: 'Baseline file of accepted findings, relative to this file' },
        },
    };
}

;// CONCATENATED MODULE: ./src/config/load-config.ts







/** Reads and validates a configuration file against the schema built from `rules`. */
function loadConfig(file, rules, displayName = file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        throw new find_config/* ConfigError */.xL(`${displayName}: cannot read the configuration (${error.code ?? String(error)})`);
    }
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false });
    const [syntaxError] = doc.errors;
    if (syntaxError) {
        const line = lines.linePos(syntaxError.pos[0]).line;
        throw new find_config/* ConfigError */.xL(`${displayName}:${line}: invalid YAML: ${syntaxError.message.split('\n')[0]}`);
    }
    const data = (doc.toJS() ?? {});
    const ajv = new dist_ajv.Ajv({ allErrors: false, strict: false });
    const validate = ajv.compile(buildConfigSchema(rules));
    if (!validate(data))
        throw new find_config/* ConfigError */.xL(describeError(validate.errors?.[0], doc, lines, displayName));
    const config = toConfig(data, (0,external_node_path_.dirname)(file), file);
    config.suppressions.forEach((suppression, index) => {
        if (suppression.until !== undefined && !(0,calendar_day/* isValidDate */.v)(suppression.until)) {
            const node = doc.getIn(['suppressions', index, 'until'], true);
            const line = node?.range ? lines.linePos(node.range[0]).line : 1;
            throw new find_config/* ConfigError */.xL(`${displayName}:${line}: 'suppressions.${index}.until' is not a real date: ${suppression.until}`);
        }
    });
    return config;
}
function describeError(error, doc, lines, file) {
    if (!error)
        return `${file}: invalid configuration`;
    const path = error.instancePath.split('/').slice(1).map((step) => (/^\d+$/.test(step) ? Number(step) : step.replaceAll('~1', '/').replaceAll('~0', '~')));
    let key = path.join('.');
    let node = doc.getIn(path, true);
    let problem = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
        const extra = String(error.params.additionalProperty);
        key = key ? `${key}.${extra}` : extra;
        node = findKey(doc.getIn(path, true) ?? doc.contents, extra) ?? node;
        problem = path.length === 0 ? 'is not a known setting' : key.startsWith('rules.') && path.length === 1 ? 'is not a known rule id' : 'is not allowed here';
    }
    else if (error.keyword === 'enum') {
        problem = `must be one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
    }
    else if (error.keyword === 'required') {
        problem = `needs '${String(error.params.missingProperty)}'`;
    }
    const offset = node?.range?.[0];
    const line = offset === undefined ? 1 : lines.linePos(offset).line;
    return `${file}:${line}: '${key || '(top level)'}' ${problem}`;
}
function findKey(node, key) {
    if (!(0,dist/* isMap */.jh)(node))
        return undefined;
    const pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && (0,dist/* isScalar */.jn)(item.key) && item.key.value === key);
    return pair && (0,dist/* isPair */.tO)(pair) ? pair.key : undefined;
}
function toConfig(data, dir, file) {
    const rules = {};
    for (const [id, entry] of Object.entries((data.rules ?? {}))) {
        if (typeof entry === 'object' && entry !== null) {
            const { enabled, severity, options } = entry;
            rules[id] = { enabled: enabled ?? true, severity, options: options ?? {} };
        }
        else {
            rules[id] = { enabled: entry === true || entry === 'on', options: {} };
        }
    }
    return {
        file,
        dir,
        rules,
        ignorePaths: data.ignorePaths ?? [],
        suppressions: data.suppressions ?? [],
        unsuppressible: data.unsuppressible ?? [],
        failOn: data.failOn,
        baseline: data.baseline,
    };
}


/***/ })

};
