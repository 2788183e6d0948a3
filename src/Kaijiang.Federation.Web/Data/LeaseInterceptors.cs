using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kaijiang.Federation.Web.Data;

/// <summary>
/// The one save interceptor in the pooled contexts' shared options: it calls the interceptors of the context's current
/// lease (<see cref="FederationDbContext.SaveInterceptors"/>) in order, passing each one's result to the next, as EF
/// Core does with the interceptors of its options. Those keep per-save state and know the request's user, so they
/// cannot live in options that every lease shares.
/// </summary>
public sealed class LeaseInterceptors : SaveChangesInterceptor
{
    public static readonly LeaseInterceptors Instance = new();

    private LeaseInterceptors()
    {
    }

    private static IReadOnlyList<ISaveChangesInterceptor> Of(DbContext? context) =>
        (context as FederationDbContext)?.SaveInterceptors ?? [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = interceptor.SavingChanges(eventData, result);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = await interceptor.SavingChangesAsync(eventData, result, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = interceptor.SavedChanges(eventData, result);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = await interceptor.SavedChangesAsync(eventData, result, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            interceptor.SaveChangesFailed(eventData);
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            await interceptor.SaveChangesFailedAsync(eventData, cancellationToken);
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            interceptor.SaveChangesCanceled(eventData);
        }
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            await interceptor.SaveChangesCanceledAsync(eventData, cancellationToken);
        }
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = interceptor.ThrowingConcurrencyException(eventData, result);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        foreach (var interceptor in Of(eventData.Context))
        {
            result = await interceptor.ThrowingConcurrencyExceptionAsync(eventData, result, cancellationToken);
        }

        return result;
    }
}
