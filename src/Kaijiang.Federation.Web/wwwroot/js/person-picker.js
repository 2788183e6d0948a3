// Suggests people in the user's scope for a person field and fills its hidden id; without script the server
// resolves the typed name or ID number itself.
(function () {
    'use strict';
    document.querySelectorAll('[data-person-lookup]').forEach(function (input) {
        var list = document.getElementById(input.getAttribute('list'));
        var target = document.getElementById(input.getAttribute('data-person-target'));
        var url = input.getAttribute('data-person-lookup');
        var choices = [];
        var timer = null;
        input.addEventListener('input', function () {
            var match = choices.find(function (c) { return c.label === input.value; });
            target.value = match ? match.id : '';
            if (match || input.value.trim().length < 1) {
                return;
            }
            clearTimeout(timer);
            timer = setTimeout(function () {
                fetch(url + '?q=' + encodeURIComponent(input.value.trim()), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
                    .then(function (r) { return r.ok ? r.json() : []; })
                    .then(function (data) {
                        choices = data;
                        list.replaceChildren.apply(list, data.map(function (c) {
                            var option = document.createElement('option');
                            option.value = c.label;
                            return option;
                        }));
                    });
            }, 250);
        });
    });
})();
