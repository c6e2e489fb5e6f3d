using System.Diagnostics;
using System.Globalization;
using RecoveryCluster.Errors;

namespace RecoveryCluster.Client.Measurement;

/// <summary>
/// Reads resource usage around a recovery: process CPU and memory everywhere; machine CPU, memory and network
/// bytes from /proc where the OS has it (0 elsewhere).
/// </summary>
internal sealed class ResourceSampler(TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _lastTimestamp = time.GetTimestamp();
    private TimeSpan _lastProcessCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private (long Busy, long Total) _lastMachineCpu = ReadMachineCpu();

    public ResourceUsage Sample()
    {
        using var process = Process.GetCurrentProcess();
        var now = time.GetTimestamp();
        var processCpu = process.TotalProcessorTime;
        var machineCpu = ReadMachineCpu();
        double processCpuPercent, machineCpuPercent;
        lock (_lock)
        {
            var wall = time.GetElapsedTime(_lastTimestamp, now).TotalMilliseconds * Environment.ProcessorCount;
            processCpuPercent = wall > 0 ? Math.Clamp((processCpu - _lastProcessCpu).TotalMilliseconds / wall * 100, 0, 100) : 0;
            var total = machineCpu.Total - _lastMachineCpu.Total;
            machineCpuPercent = total > 0 ? Math.Clamp(100.0 * (machineCpu.Busy - _lastMachineCpu.Busy) / total, 0, 100) : processCpuPercent;
            _lastTimestamp = now;
            _lastProcessCpu = processCpu;
            _lastMachineCpu = machineCpu;
        }

        var memory = GC.GetGCMemoryInfo();
        var memoryPercent = memory.TotalAvailableMemoryBytes > 0
            ? Math.Clamp(100.0 * memory.MemoryLoadBytes / memory.TotalAvailableMemoryBytes, 0, 100)
            : 0;
        return new ResourceUsage(machineCpuPercent, memoryPercent, processCpuPercent, process.WorkingSet64 / (1024.0 * 1024.0), ReadNetworkBytes());
    }

    // Hand-written on purpose: Microsoft.Extensions.Diagnostics.ResourceMonitoring reports this process's (or its
    // container's) CPU and memory averaged over its own sampling window, through a hosted sampler. An outcome needs the
    // whole machine's CPU and network bytes at two points around one recovery, which it does not give, and a worker
    // library should not start a sampler in its host for this.
    private static (long Busy, long Total) ReadMachineCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return (0, 0);
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Sum();
            return (total - idle, total);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }

    private static long ReadNetworkBytes()
    {
        try
        {
            long total = 0;
            foreach (var line in File.ReadLines("/proc/net/dev").Skip(2))
            {
                var parts = line.Split(':', 2);
                if (parts.Length < 2 || parts[0].Trim() == "lo")
                {
                    continue;
                }

                var fields = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                total += long.Parse(fields[0], CultureInfo.InvariantCulture) + long.Parse(fields[8], CultureInfo.InvariantCulture);
            }

            return total;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
