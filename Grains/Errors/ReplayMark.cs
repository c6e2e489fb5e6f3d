namespace RecoveryCluster.Grains.Errors;

/// <summary>The last offline record an error took from one worker's buffer, so a batch sent again counts once.</summary>
[GenerateSerializer, Alias("rc.replay-mark")]
public sealed class ReplayMark
{
    [Id(0)] public string WorkerId { get; set; } = string.Empty;
    [Id(1)] public Guid Epoch { get; set; }
    [Id(2)] public long Sequence { get; set; }
}
