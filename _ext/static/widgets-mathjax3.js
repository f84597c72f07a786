/* The widget manager (@jupyter-widgets/html-manager 1.0) typesets widget labels with the
 * MathJax 2 call MathJax.Hub.Queue(["Typeset", MathJax.Hub, node]); the book ships MathJax 3.
 * Map that one call onto MathJax 3, so labels with $...$ are typeset and no error is thrown. */
(function () {
  "use strict";
  function install() {
    var mj = window.MathJax;
    if (!mj || !mj.version || mj.Hub) return;  // not MathJax 3 yet (still the config object)
    mj.Hub = {
      Queue: function (command) {
        var node = command && command[2];
        var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
        return ready.then(function () {
          if (window.MathJax.typesetPromise) {
            return window.MathJax.typesetPromise(node ? [node] : undefined);
          }
        }).catch(function (err) { console.warn("MathJax typeset of a widget failed:", err); });
      }
    };
  }
  install();  // after the deferred tex-chtml.js has replaced window.MathJax: again
  document.addEventListener("DOMContentLoaded", install);
})();
