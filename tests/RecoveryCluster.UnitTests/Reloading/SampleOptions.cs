using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.UnitTests.Reloading;

/// <summary>Options for the monitor's tests: one bounded value, so a reload can be valid or not.</summary>
public sealed class SampleOptions
{
    [Range(1, 100)]
    public int Threshold { get; set; } = 5;
}
