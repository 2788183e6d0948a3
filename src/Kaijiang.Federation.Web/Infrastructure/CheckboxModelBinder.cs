using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kaijiang.Federation.Web.Infrastructure;

/// <summary>
/// Binds <c>bool</c> and <c>bool?</c> fields (check boxes). A value that is not a boolean (only a tampered post sends
/// one) becomes the framework's localised "not valid" message, and the field's attempted value is stored as "false":
/// the framework's own binder keeps the bad text, and the check box helper then throws while re-rendering the form
/// (a 500 instead of the form with its message; found by the wapiti scan on /Terms/Start). The message is also
/// added for the whole form, since the forms show no message under a check box.
/// </summary>
public sealed class CheckboxModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) && !context.Metadata.IsComplexType ? new CheckboxModelBinder() : null;
}

public sealed class CheckboxModelBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var metadata = bindingContext.ModelMetadata;
        var first = result.FirstValue;
        if (string.IsNullOrWhiteSpace(first))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            if (metadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    metadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(first ?? ""));
            }

            return Task.CompletedTask;
        }

        if (bool.TryParse(first.Trim(), out var value))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult("false"));
        var message = metadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(first, metadata.GetDisplayName());
        bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
        // Check boxes have no message of their own under them: the forms' summary (ModelOnly) shows this one.
        bindingContext.ModelState.TryAddModelError(string.Empty, message);
        return Task.CompletedTask;
    }
}
