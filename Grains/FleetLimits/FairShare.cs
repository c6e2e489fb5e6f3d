namespace RecoveryCluster.Grains.FleetLimits;

/// <summary>Max-min fair division of a limit among demands (water-filling), with what nobody wants spread evenly.</summary>
public static class FairShare
{
    /// <summary>
    /// Each demand gets at most the even share of what is left; what the small demands leave goes to the larger ones,
    /// and any rest is spread evenly so a worker's burst finds room before its next renewal. Sums to <paramref name="limit"/>.
    /// </summary>
    public static double[] Divide(double limit, IReadOnlyList<double> demands)
    {
        ArgumentNullException.ThrowIfNull(demands);
        var shares = new double[demands.Count];
        if (demands.Count == 0)
        {
            return shares;
        }

        var order = Enumerable.Range(0, demands.Count).OrderBy(i => demands[i]).ToArray();
        var left = limit;
        for (var k = 0; k < order.Length; k++)
        {
            var give = Math.Min(demands[order[k]], left / (order.Length - k));
            shares[order[k]] = give;
            left -= give;
        }

        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] += left / shares.Length;
        }

        return shares;
    }

    /// <summary>
    /// <see cref="Divide"/> in whole permits: floors, then hands the remaining units to the largest fractions (ties by
    /// position, so the same inputs always give the same answer).
    /// </summary>
    public static int[] DivideWhole(int limit, IReadOnlyList<double> demands)
    {
        var exact = Divide(limit, demands);
        var whole = exact.Select(s => (int)Math.Floor(s + 1e-9)).ToArray();
        var rest = limit - whole.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - whole[i]).ThenBy(i => i).Take(Math.Max(0, rest)))
        {
            whole[i]++;
        }

        return whole;
    }
}
