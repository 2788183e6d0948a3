namespace Kaijiang.Federation.Web;

/// <summary>
/// Marker of the one resource set of the UI: <c>Resources/SharedResource.resx</c> holds Simplified Chinese
/// (the default), <c>SharedResource.en.resx</c> English. Keys are stable English identifiers.
/// </summary>
public sealed class SharedResource;
