// Reloads the page every data-refresh-seconds, unless someone is typing in it: a reload would
// wipe a half-typed token or note. Served as a file because the page's CSP forbids inline script.
(function () {
  var seconds = parseInt(document.body.getAttribute('data-refresh-seconds') || '0', 10);
  if (!(seconds > 0)) {
    return;
  }
  function busy() {
    var active = document.activeElement;
    if (active && (active.tagName === 'INPUT' || active.tagName === 'BUTTON')) {
      return true;
    }
    var inputs = document.querySelectorAll('input[type=password], input[type=text], input[type=search]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value) {
        return true;
      }
    }
    return false;
  }
  setInterval(function () {
    if (!busy()) {
      window.location.reload();
    }
  }, seconds * 1000);
})();
