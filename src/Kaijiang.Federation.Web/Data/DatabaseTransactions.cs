using Microsoft.EntityFrameworkCore;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The one way to run work in an explicit transaction. SQL Server and PostgreSQL connections retry transient failures
/// (<see cref="DatabaseRegistration.RetryCount"/>), and EF's retrying strategy refuses a transaction begun outside it:
/// the transaction is begun, and the work run and committed, inside the strategy, so a transient failure repeats the
/// whole unit — never half of it.
/// </summary>
public static class DatabaseTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it; a failure rolls everything back. The work may be
    /// run again after a transient failure, so it reads what it needs inside. Inside a transaction already (a caller's
    /// unit), it just runs as part of that one.
    /// </summary>
    /// <param name="commitWhen">Decides from the work's result whether to commit; when it says no, the transaction is
    /// rolled back (e.g. an account that Identity refused after some of it was written).</param>
    public static async Task<T> InTransactionAsync<T>(
        this DbContext db, Func<CancellationToken, Task<T>> work, Func<T, bool>? commitWhen, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (db, work, commitWhen),
            async (_, state, ct) =>
            {
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct);
                var result = await state.work(ct);
                if (state.commitWhen?.Invoke(result) ?? true)
                {
                    await transaction.CommitAsync(ct);
                    // The saves inside moved the read caches' generation on before the commit; a reader in between
                    // saw the old rows and may have cached them under the new generation: move it on once more.
                    (state.db as FederationDbContext)?.ChangeSignal?.Bump();
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                }

                return result;
            },
            verifySucceeded: null,
            cancellationToken);
    }

    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(work, commitWhen: null, cancellationToken);

    public static Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(
            async ct =>
            {
                await work(ct);
                return true;
            },
            commitWhen: null,
            cancellationToken);
}
