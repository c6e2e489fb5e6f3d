using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.UnitTests.Options;

/// <summary>Validates options the way ValidateDataAnnotations does at start: attributes first, then IValidatableObject.</summary>
internal static class OptionsValidation
{
    public static IReadOnlyList<ValidationResult> ValidationErrors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    /// <summary>The members the errors name, in order.</summary>
    public static IReadOnlyList<string> Invalid(object options) => ValidationErrors(options).SelectMany(r => r.MemberNames).ToArray();
}
