// The CommonJS build of web-tree-sitter is loaded on purpose: ncc rewrites the ESM build's
// `await import("module")` into a namespace without `createRequire`, which breaks the bundle.
module.exports = require('web-tree-sitter');
