/**
 * A loader for @pushcorn/hocon-parser's modules and the browser packages standing in for Node's
 * (util, assert, path-browserify, url): they read Node's `process` and `Buffer` as free variables, so each module gets its own from the browser packages. Nothing is
 * set on the page's global object, where other libraries look for `process` to detect Node.
 */
module.exports = function hoconNodeGlobals(source) {
  return `var process = require('process/browser');\nvar Buffer = require('buffer').Buffer;\n${source}`;
};
