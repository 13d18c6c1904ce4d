using System;
using System.Collections.Generic;
using System.Linq;

namespace TokenLab.Bench;

/// <summary>Order statistics, with linear interpolation between neighbouring values.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 0.5);

    /// <summary>The value below which <paramref name="fraction"/> of <paramref name="sorted"/> lies.</summary>
    public static double Percentile(double[] sorted, double fraction)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        double rank = fraction * (sorted.Length - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
