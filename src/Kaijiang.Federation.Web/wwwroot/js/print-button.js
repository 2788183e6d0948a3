// A print button without inline script (CSP): any element with data-print opens the browser's print dialog.
(function () {
    'use strict';
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.addEventListener('click', function () { window.print(); });
    });
}());
