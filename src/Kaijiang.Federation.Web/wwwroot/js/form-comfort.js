// Working comfort shared by every page (a file, as the Content-Security-Policy forbids inline script):
// 1. A page sent back with errors puts the focus on the first field in error (described by its message through
//    aria-describedby, see FieldErrorTagHelper), or on the error summary when no field is marked.
// 2. A form marked data-busy, and every export link (data-export), shows that it is working: the button is
//    disabled (after the browser has taken its value) and says so, with aria-busy on the form or link.
(function () {
    "use strict";
    var main = document.querySelector("main");
    if (main) {
        var invalid = main.querySelector("[aria-invalid='true']:not([disabled])");
        var summary = main.querySelector(".validation-summary-errors");
        if (invalid) {
            invalid.focus();
        } else if (summary) {
            summary.setAttribute("tabindex", "-1");
            summary.focus();
        }
    }

    var busyText = document.body.getAttribute("data-busy-text") || "…";

    function markBusy(element) {
        element.setAttribute("aria-busy", "true");
        var status = document.createElement("span");
        status.className = "spinner-border spinner-border-sm ms-2";
        status.setAttribute("role", "status");
        var label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = busyText;
        status.appendChild(label);
        return status;
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy") || event.defaultPrevented) {
            return;
        }

        var submitter = event.submitter || form.querySelector("button[type=submit]");
        var spinner = markBusy(form);
        // Disabled only after this turn: a disabled button's name and value would not be sent.
        window.setTimeout(function () {
            form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = true; });
            if (submitter) {
                submitter.appendChild(spinner);
            }
        }, 0);
        if (form.getAttribute("data-busy") === "download") {
            // A download does not leave the page: the form comes back once the file is on its way.
            window.setTimeout(function () {
                form.removeAttribute("aria-busy");
                form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = false; });
                spinner.remove();
            }, 8000);
        }
    });

    document.addEventListener("click", function (event) {
        var link = event.target instanceof Element ? event.target.closest("a[data-export]") : null;
        if (!link) {
            return;
        }

        if (link.getAttribute("aria-disabled") === "true") {
            event.preventDefault();
            return;
        }

        // A download does not leave the page, so the link comes back after a while (the file is then on its way).
        var spinner = markBusy(link);
        link.appendChild(spinner);
        link.setAttribute("aria-disabled", "true");
        link.classList.add("disabled");
        window.setTimeout(function () {
            link.removeAttribute("aria-busy");
            link.removeAttribute("aria-disabled");
            link.classList.remove("disabled");
            spinner.remove();
        }, 8000);
    });
})();
