using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// Every POST form carries the anti-forgery token, also those written with a plain <c>action="…"</c> (for which the
/// framework's form tag helper adds none). Runs after it and adds the token only when the form has none yet.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class PostFormAntiforgeryTagHelper(IAntiforgery antiforgery) : TagHelper
{
    // After the framework's FormTagHelper (Order -1000), so its token, if any, is already in the output.
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString() ?? context.AllAttributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var child = await output.GetChildContentAsync();
        var present = output.PreContent.GetContent().Contains("__RequestVerificationToken", StringComparison.Ordinal)
            || output.PostContent.GetContent().Contains("__RequestVerificationToken", StringComparison.Ordinal)
            || (output.Content.IsModified ? output.Content.GetContent() : child.GetContent()).Contains("__RequestVerificationToken", StringComparison.Ordinal);
        if (!present)
        {
            var tokens = antiforgery.GetAndStoreTokens(ViewContext.HttpContext);
            output.PostContent.AppendHtml(new HtmlString(
                $"<input name=\"{tokens.FormFieldName}\" type=\"hidden\" value=\"{System.Net.WebUtility.HtmlEncode(tokens.RequestToken)}\" />"));
        }
    }
}
