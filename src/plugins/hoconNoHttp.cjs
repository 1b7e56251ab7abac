/**
 * Stands in for rock-req, the HTTP client of @pushcorn/hocon-parser's HttpSource, in the browser
 * bundle: rock-req builds Node http agents when it loads. The lab works offline and includes only
 * the files it shows, so an `include url("https://...")` gets this error through rock-req's
 * callback, as a failed request would.
 */
const refuse = (url, callback) => callback(new Error(`${url}: includes over HTTP are not fetched here; the lab resolves only its own files.`));
module.exports = {extend: () => ({get: refuse})};
