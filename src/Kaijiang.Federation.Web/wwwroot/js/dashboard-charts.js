// Draws each dashboard chart from the table behind it (the table is the accessible form of the chart and stays on
// the page). No data lives in script: the CSP allows scripts from this site only, and the numbers are the server's.
(function () {
    'use strict';

    if (typeof window.Chart === 'undefined') {
        return;
    }

    var palette = ['#b0305c', '#2a6f97', '#e09f3e', '#4f772d', '#6d597a', '#9e2a2b'];

    function readTable(table) {
        var columns = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
            return th.textContent.trim();
        }).slice(1);
        var labels = [];
        var series = columns.map(function () { return []; });
        table.querySelectorAll('tbody tr').forEach(function (row) {
            labels.push(row.querySelector('th').textContent.trim());
            row.querySelectorAll('td').forEach(function (cell, index) {
                series[index].push(Number(cell.dataset.value));
            });
        });
        return { columns: columns, labels: labels, series: series };
    }

    function draw(canvas) {
        var table = document.getElementById(canvas.dataset.chartTable);
        if (!table) {
            return;
        }

        var data = readTable(table);
        var type = table.dataset.chartType || 'bar';
        var font = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
        window.Chart.defaults.font.family = font;
        // A bar chart with two measures of different size (count, 万元) gets a second axis.
        var twoAxes = type === 'bar' && data.series.length === 2;
        var scales = { y: { beginAtZero: true, position: 'left' } };
        if (twoAxes) {
            scales.y1 = { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } };
        }

        new window.Chart(canvas, {
            type: type,
            data: {
                labels: data.labels,
                datasets: data.series.map(function (values, index) {
                    return {
                        label: data.columns[index],
                        data: values,
                        backgroundColor: palette[index % palette.length],
                        borderColor: palette[index % palette.length],
                        yAxisID: twoAxes && index === 1 ? 'y1' : 'y',
                        tension: 0.2
                    };
                })
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: scales,
                plugins: { legend: { display: data.series.length > 1 } }
            }
        });
    }

    document.querySelectorAll('canvas[data-chart-table]').forEach(draw);
}());
