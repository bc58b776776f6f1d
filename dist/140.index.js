export const id = 140;
export const ids = [140];
export const modules = {

/***/ 2140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readLive: () => (/* binding */ readLive)
/* harmony export */ });
/* unused harmony export liveLocation */
/* harmony import */ var _azure_arm_postgresql_flexible__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9698);
/* harmony import */ var _azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4792);


const SERVER_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)$/i;
const TOP_LEVEL = new Set(['id', 'name', 'type', 'location', 'tags', 'sku', 'identity', 'systemData']);
/** Where live findings point when no IaC declares the server. */
function liveLocation(id) {
    return { file: `azure:${id}`, line: 1, endLine: 1 };
}
/**
 * Reads flexible servers and everything the rules look at from Azure Resource Manager, strictly
 * read-only. Each server is read on its own: a 403 or 404 on one is explained and the others go on.
 */
async function readLive(options) {
    const result = { resources: [], problems: [], servers: [] };
    const clients = new Map();
    const clientFor = (subscription) => {
        let client = clients.get(subscription);
        if (!client) {
            client = new _azure_arm_postgresql_flexible__WEBPACK_IMPORTED_MODULE_0__/* .PostgreSQLManagementFlexibleServerClient */ .FH(options.credential, subscription, {
                endpoint: options.endpoint,
                credentialScopes: [options.credentialScope],
                retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 5_000 },
            });
            clients.set(subscription, client);
        }
        return client;
    };
    const ids = new Set(options.serverIds.map((id) => id.replace(/\/$/, '')));
    for (const scope of options.scopes) {
        const match = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/?$/i.exec(scope);
        if (!match) {
            result.problems.push({ message: `Live scope '${scope}' is not /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>` });
            continue;
        }
        await collect(options.authorityHost, `list the servers of ${scope}`, result, async () => {
            const client = clientFor(match[1]);
            const servers = match[2] ? client.servers.listByResourceGroup(match[2]) : client.servers.listBySubscription();
            for await (const server of servers)
                if (server.id)
                    ids.add(server.id);
        });
    }
    if (options.declaredNames.length) {
        if (!options.subscriptionId) {
            result.problems.push({ message: 'Live state of the declared servers needs a subscription (--azure-subscription or input azure-subscription-id)' });
        }
        else {
            const wanted = new Set(options.declaredNames.map((name) => name.toLowerCase()));
            await collect(options.authorityHost, `list the servers of subscription ${options.subscriptionId}`, result, async () => {
                for await (const server of clientFor(options.subscriptionId).servers.listBySubscription()) {
                    if (server.id && wanted.has((server.name ?? '').toLowerCase()))
                        ids.add(server.id);
                }
            });
        }
    }
    for (const id of ids) {
        const parts = SERVER_ID.exec(id);
        if (!parts) {
            result.problems.push({ message: `'${id}' is not the resource ID of a flexible server` });
            continue;
        }
        const [, subscription, group, name] = parts;
        await collect(options.authorityHost, `read server ${name}`, result, async () => {
            result.resources.push(...(await readServer(clientFor(subscription), options.endpoint, id, subscription, group, name)));
            result.servers.push(id);
        });
    }
    return result;
}
async function collect(authorityHost, what, result, action) {
    try {
        await action();
    }
    catch (error) {
        // A sign-in failure is not about the server: say where it failed, once.
        const signIn = error instanceof Error && SIGN_IN_ERRORS.has(error.name);
        const message = signIn
            ? `Azure sign-in at ${authorityHost} failed, so no server was read (${error.name}): ${error.message.split('\n')[0]}`
            : `Could not ${what}: ${explain(error)}`;
        if (!result.problems.some((problem) => problem.message === message))
            result.problems.push({ message });
    }
}
/** Errors of @azure/identity: the token could not be had, so no read could start. */
const SIGN_IN_ERRORS = new Set(['AuthenticationError', 'AggregateAuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError']);
function explain(error) {
    const status = error.statusCode;
    if (status === 403)
        return 'access denied (403); the identity needs the Reader role on it';
    if (status === 404)
        return 'not found (404); check the subscription, resource group and name';
    if (status === 401)
        return 'not authenticated (401); check the Azure login';
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
}
async function readServer(client, endpoint, id, subscription, group, name) {
    const at = liveLocation(id);
    const deployment = `azure:/subscriptions/${subscription}`;
    const resource = (type, resourceName, properties, extra = {}) => ({
        type,
        name: plain(resourceName, at),
        address: `${id}/${type.split('/').pop()}/${resourceName}`,
        format: 'live',
        deployment,
        at,
        declaredAt: [at],
        properties: plain(properties ?? {}, at),
        parent: plain(id, at),
        ...extra,
    });
    const all = async (items) => {
        const list = [];
        for await (const item of items)
            list.push(item);
        return list;
    };
    const server = await client.servers.get(group, name);
    const properties = Object.fromEntries(Object.entries(server).filter(([key]) => !TOP_LEVEL.has(key)));
    const [configurations, firewallRules, administrators, threatProtection, endpoints] = await Promise.all([
        all(client.configurations.listByServer(group, name)),
        all(client.firewallRules.listByServer(group, name)),
        all(client.administratorsMicrosoftEntra.listByServer(group, name)),
        all(client.advancedThreatProtectionSettings.listByServer(group, name)),
        all(client.privateEndpointConnections.listByServer(group, name)),
    ]);
    // Diagnostic settings and the Defender plan are not in this SDK: plain ARM calls through the same pipeline and credential.
    const diagnostics = await getJson(client, `${endpoint}${id}/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview`);
    const pricing = await getJson(client, `${endpoint}/subscriptions/${subscription}/providers/Microsoft.Security/pricings/OpenSourceRelationalDatabases?api-version=2024-01-01`);
    const resources = [
        {
            type: 'Microsoft.DBforPostgreSQL/flexibleServers',
            name: plain(server.name ?? name, at),
            address: id,
            format: 'live',
            deployment,
            at,
            declaredAt: [at],
            properties: plain(properties, at),
            ...(server.sku && { sku: plain(server.sku, at) }),
        },
        ...configurations.map((configuration) => resource('Microsoft.DBforPostgreSQL/flexibleServers/configurations', configuration.name ?? '', { value: configuration.value, source: configuration.source })),
        ...firewallRules.map((rule) => resource('Microsoft.DBforPostgreSQL/flexibleServers/firewallRules', rule.name ?? '', { startIpAddress: rule.startIpAddress, endIpAddress: rule.endIpAddress })),
        ...administrators.map((admin) => resource('Microsoft.DBforPostgreSQL/flexibleServers/administrators', admin.name ?? '', { principalName: admin.principalName, principalType: admin.principalType })),
        ...threatProtection.map((setting) => resource('Microsoft.DBforPostgreSQL/flexibleServers/advancedThreatProtectionSettings', setting.name ?? 'Default', { state: setting.state })),
        ...endpoints
            .filter((connection) => (connection.privateLinkServiceConnectionState?.status ?? '').toLowerCase() === 'approved')
            .map((connection) => resource('Microsoft.Network/privateEndpoints', connection.name ?? '', {
            privateLinkServiceConnections: [{ properties: { privateLinkServiceId: id, groupIds: connection.groupIds ?? ['postgresqlServer'] } }],
        })),
    ];
    const settings = diagnostics?.value ?? [];
    for (const setting of settings)
        resources.push(resource('Microsoft.Insights/diagnosticSettings', setting.name ?? '', setting.properties));
    const tier = pricing?.properties?.pricingTier;
    if (tier)
        resources.push({ ...resource('Microsoft.Security/pricings', 'OpenSourceRelationalDatabases', { pricingTier: tier }), parent: undefined });
    return resources;
}
async function getJson(client, url) {
    const response = await client.sendRequest((0,_azure_core_rest_pipeline__WEBPACK_IMPORTED_MODULE_1__/* .createPipelineRequest */ .G6)({ url, method: 'GET' }));
    if (response.status === 404)
        return undefined;
    if (response.status >= 400)
        throw Object.assign(new Error(`GET ${url.split('?')[0]} answered ${response.status}`), { statusCode: response.status });
    return response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined;
}
/** Turns a JSON value from Azure into a value anchored on the live server. */
function plain(json, at) {
    if (Array.isArray(json))
        return { kind: 'array', items: json.map((item) => plain(item, at)), at };
    if (json !== null && typeof json === 'object') {
        return { kind: 'object', entries: new Map(Object.entries(json).filter(([, value]) => value !== undefined).map(([key, value]) => [key, plain(value, at)])), at };
    }
    return { kind: 'scalar', value: json, at };
}


/***/ })

};
