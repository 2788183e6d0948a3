using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the SQL commands each HTTP request of the test host issues. A test sends the header
/// <see cref="Header"/> with an id of its own; a middleware at the front of the pipeline opens a tally for that
/// request in an <see cref="AsyncLocal{T}"/> (which flows into everything the request awaits: authentication,
/// the controller, the view), the interceptor adds each executed command to it, and the tally is kept under the
/// id when the request ends. Requests without the header are not counted.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    public const string Header = "X-Test-Sql-Count";

    private static readonly AsyncLocal<Tally?> Current = new();
    private readonly ConcurrentDictionary<string, Tally> _finished = new();

    /// <summary>The commands of a finished request, with their SQL for the failure message.</summary>
    public IReadOnlyList<string> CommandsOf(string id) => _finished.TryGetValue(id, out var tally) ? tally.Commands : [];

    public IStartupFilter Middleware => new CountingStartupFilter(this);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbCommand command) => Current.Value?.Add(command.CommandText);

    private sealed class Tally
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public IReadOnlyList<string> Commands => [.. _commands];

        public void Add(string sql) => _commands.Enqueue(sql);
    }

    private sealed class CountingStartupFilter(SqlCommandCounter counter) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (!context.Request.Headers.TryGetValue(Header, out var id) || string.IsNullOrEmpty(id))
                {
                    await nextMiddleware(context);
                    return;
                }

                var tally = new Tally();
                Current.Value = tally;
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    Current.Value = null;
                    counter._finished[id.ToString()] = tally;
                }
            });
            next(app);
        };
    }
}
