using Microsoft.AspNetCore.Http.HttpResults;

namespace RecoveryCluster.Silo.Api;

/// <summary>The 404 problems the API gives, worded once.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult UnknownError(string errorId) =>
        TypedResults.Problem($"No error '{Shorten(errorId)}' has been reported.", statusCode: StatusCodes.Status404NotFound, title: "Unknown error");

    /// <summary>Echoed input is cut short: a 10 KiB id has no place in a problem detail.</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
