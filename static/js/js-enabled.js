// Runs first thing in <body>: tells GOV.UK Frontend's CSS that JavaScript is on (a file, not an
// inline script, so that whole pages can be cached under a strict Content-Security-Policy).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
