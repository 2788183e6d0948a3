// The organisation tree: expand and collapse a node, loading its children from the server the first time.
// Without this script every node is still a link to its organisation page.
(function () {
    'use strict';

    function enhance(root) {
        root.querySelectorAll('button.org-toggle').forEach(function (button) {
            button.hidden = false;
        });
    }

    async function expand(button, panel) {
        if (panel.dataset.loaded !== 'true' && button.dataset.loaded !== 'true') {
            button.disabled = true;
            button.setAttribute('aria-busy', 'true');
            try {
                var response = await fetch(button.dataset.url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                panel.innerHTML = await response.text();
                panel.dataset.loaded = 'true';
                enhance(panel);
            } catch (e) {
                panel.textContent = button.dataset.error || '';
            } finally {
                button.disabled = false;
                button.removeAttribute('aria-busy');
            }
        }
        button.setAttribute('aria-expanded', 'true');
        panel.hidden = false;
    }

    document.addEventListener('click', function (event) {
        var button = event.target.closest('button.org-toggle');
        if (!button) {
            return;
        }
        var panel = document.getElementById(button.getAttribute('aria-controls'));
        if (!panel) {
            return;
        }
        if (button.getAttribute('aria-expanded') === 'true') {
            button.setAttribute('aria-expanded', 'false');
            panel.hidden = true;
        } else {
            expand(button, panel);
        }
    });

    enhance(document);
})();
