// Behaviour that the CSP (no inline script) keeps out of the templates, driven by data attributes.
document.documentElement.classList.add('js');  // the phone menu folds only when this script can open it
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

// <button data-dialog="ID"> opens <dialog id="ID"> (a confirmation with its own form);
// [data-close-dialog] inside it closes it without submitting.
document.addEventListener('click', function (event) {
  var opener = event.target.closest('[data-dialog]');
  if (opener) {
    var dialog = document.getElementById(opener.dataset.dialog);
    if (dialog && dialog.showModal) { event.preventDefault(); dialog.showModal(); }
    return;
  }
  var closer = event.target.closest('[data-close-dialog]');
  if (closer) { closer.closest('dialog').close(); }
});

// The phone menu: the 菜单 button shows and hides the top navigation.
document.addEventListener('click', function (event) {
  var toggle = event.target.closest('.menu-toggle');
  if (!toggle) { return; }
  var menu = document.getElementById(toggle.getAttribute('aria-controls'));
  var open = menu.classList.toggle('open');
  toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
});

// <input type=file data-max-bytes data-too-large>: a file over the upload limit is refused before it is
// sent (the server would answer 413 and the page would be lost), with the template's Chinese message.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!input.matches || !input.matches('input[type=file][data-max-bytes]')) return;
  var file = input.files && input.files[0];
  input.setCustomValidity(file && file.size > Number(input.dataset.maxBytes) ? input.dataset.tooLarge : '');
  input.reportValidity();
});
