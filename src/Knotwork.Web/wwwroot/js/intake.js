// The intake's safety questions come in groups (one per warning sign); "No to all of these" answers a whole group
// with one tap. Without JavaScript the button stays hidden and each question is answered on its own.
(function () {
  'use strict';
  document.querySelectorAll('#safety-questions .none-of-these').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      button.closest('.question-group').querySelectorAll('input[type=radio][value=no]').forEach(function (radio) {
        radio.checked = true;
      });
    });
  });
})();
