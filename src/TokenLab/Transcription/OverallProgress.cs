using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The overall bar over many inputs: "3 of 7 done", shown once there is more than one input; the total
    /// grows as the pipeline brings inputs. Each input's own bar is its child. Inputs finish on any thread;
    /// the bar is written only from the pipeline thread, when its figures have changed.
    /// </summary>
    internal sealed class OverallProgress
    {
        public const int ActivityId = 0x544C;

        private readonly Action<ProgressRecord> write;
        private readonly string activity;
        private int received;
        private int done;
        private int itemSequence;
        private (int Done, int Received) shown;

        /// <param name="write">The cmdlet's WriteProgress.</param>
        /// <param name="activity">What the bar says it is doing.</param>
        public OverallProgress(Action<ProgressRecord> write, string activity)
        {
            this.write = write;
            this.activity = activity;
        }

        /// <summary>The parent for the next input's bar: this bar once there are several inputs, else none.</summary>
        public int ParentActivityId => received > 1 ? ActivityId : -1;

        /// <summary>A distinct activity ID for the next input's own bar.</summary>
        public int NextItemActivityId() => ActivityId + 1 + (++itemSequence % 1000);

        /// <summary>Counts an input; pipeline thread.</summary>
        public void Received()
        {
            received++;
            Show();
        }

        /// <summary>Counts an input that ended, however it ended; any thread.</summary>
        public void Finished() => Interlocked.Increment(ref done);

        /// <summary>Writes the bar when its figures changed; pipeline thread.</summary>
        public void Show()
        {
            int finished = Volatile.Read(ref done);
            if (received <= 1 || shown == (finished, received))
            {
                return;
            }

            shown = (finished, received);
            write(new ProgressRecord(ActivityId, activity, string.Format(CultureInfo.InvariantCulture, "{0} of {1} done", finished, received))
            {
                PercentComplete = finished * 100 / received,
            });
        }

        /// <summary>Shows the last figures and closes the bar; pipeline thread.</summary>
        public void Complete()
        {
            Show();
            if (received > 1)
            {
                write(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
            }
        }
    }
}
