using System.ComponentModel.DataAnnotations;

namespace RecoveryCluster.Grains.Analytics;

/// <summary>Anomaly detection on the recovery metrics. Section <c>RecoveryCluster:Anomalies</c>.</summary>
/// <remarks>Read when the event hub activates (its windows are sized from them): a change needs a restart.</remarks>
public sealed class AnomalyOptions
{
    public const string Section = "RecoveryCluster:Anomalies";

    /// <summary>Values per series the mean and deviation are taken over.</summary>
    [Range(10, 100_000)]
    public int WindowSize { get; set; } = 100;

    /// <summary>A value this many standard deviations from the mean is an anomaly.</summary>
    [Range(1.0, 10.0)]
    public double Threshold { get; set; } = 2.5;

    /// <summary>The deviation is taken as at least this share of the series' mean, so a flat series is not flagged for a small change.</summary>
    [Range(0.0, 10.0)]
    public double MinDeviationShare { get; set; } = 0.1;

    /// <summary>The deviation is taken as at least this much (for series whose mean is near zero).</summary>
    [Range(0.0, 1_000_000.0)]
    public double MinDeviation { get; set; } = 0.01;

    /// <summary>A series is judged only once its window holds this many values.</summary>
    [Range(2, 100_000)]
    public int MinSamples { get; set; } = 20;

    /// <summary>A strategy's success rate is sampled once per this many outcomes (the share that succeeded).</summary>
    [Range(2, 10_000)]
    public int SuccessBlock { get; set; } = 10;

    /// <summary>A component's error rate is sampled as reports per interval of this length.</summary>
    public TimeSpan ErrorRateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Anomalies kept for <c>GET /api/anomalies</c>.</summary>
    [Range(1, MaxKept)]
    public int Kept { get; set; } = 500;

    /// <summary>The upper bound of <see cref="Kept"/>.</summary>
    public const int MaxKept = 100_000;
}
