// Behaviour that the CSP (no inline script) keeps out of the templates, driven by data attributes.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.goto) {  // GET form whose chosen value completes a path: /ledger/new/<category>
    event.preventDefault();
    var field = form.elements[form.dataset.gotoField || 'category'];
    window.location.href = form.dataset.goto + encodeURIComponent(field.value);
  }
});
