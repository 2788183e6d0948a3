// Upload progress for the roster import. Without JavaScript the form posts as usual; with it, the same form is
// sent by XMLHttpRequest so the upload can show its progress, then the page the server answers with is shown.
(function () {
    "use strict";
    var form = document.getElementById("roster-upload");
    if (!form || !window.XMLHttpRequest || !window.FormData) {
        return;
    }

    var panel = document.getElementById("upload-progress");
    var bar = panel.querySelector(".progress-bar");
    var meter = panel.querySelector(".progress");
    var status = document.getElementById("upload-status");
    var button = form.querySelector("button[type=submit]");

    function show(percent, text) {
        panel.classList.remove("d-none");
        bar.style.width = percent + "%";
        meter.setAttribute("aria-valuenow", String(percent));
        status.textContent = text;
    }

    form.addEventListener("submit", function (event) {
        if (!form.checkValidity()) {
            return;
        }

        event.preventDefault();
        button.disabled = true;
        show(0, form.dataset.uploading);
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.upload.addEventListener("progress", function (e) {
            if (e.lengthComputable) {
                var percent = Math.round((e.loaded / e.total) * 100);
                show(percent, form.dataset.uploading + " " + percent + "%");
            }
        });
        request.upload.addEventListener("load", function () {
            show(100, form.dataset.validating);
        });
        request.addEventListener("load", function () {
            // A valid upload is redirected to its preview: go there. A refused file comes back as this page with
            // the reason: show it (its scripts, this one included, run again).
            if (request.responseURL && request.responseURL.indexOf("/RosterImport/Preview/") >= 0) {
                window.location.assign(request.responseURL);
                return;
            }

            document.open();
            document.write(request.responseText);
            document.close();
        });
        request.addEventListener("error", function () {
            button.disabled = false;
            show(0, form.dataset.failed);
        });
        request.send(new FormData(form));
    });
}());
