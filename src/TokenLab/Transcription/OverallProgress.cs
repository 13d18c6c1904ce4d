using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The overall bar over many inputs: "3 of 7 done", shown once there is more than one input. The total
    /// grows as the pipeline brings inputs. Each input's own bar is its child.
    /// </summary>
    internal sealed class OverallProgress
    {
        public const int ActivityId = 0x544C;

        private readonly Action<ProgressRecord> post;
        private readonly string activity;
        private int received;
        private int done;
        private int itemSequence;

        public OverallProgress(Action<ProgressRecord> post, string activity)
        {
            this.post = post;
            this.activity = activity;
        }

        /// <summary>The parent for the next input's bar: this bar once there are several inputs, else none.</summary>
        public int ParentActivityId => Volatile.Read(ref received) > 1 ? ActivityId : -1;

        /// <summary>A distinct activity ID for the next input's own bar.</summary>
        public int NextItemActivityId() => ActivityId + 1 + (Interlocked.Increment(ref itemSequence) % 1000);

        public void Received()
        {
            Interlocked.Increment(ref received);
            Show();
        }

        public void Finished()
        {
            Interlocked.Increment(ref done);
            Show();
        }

        public void Complete()
        {
            if (Volatile.Read(ref received) > 1)
            {
                post(new ProgressRecord(ActivityId, activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
            }
        }

        private void Show()
        {
            int total = Volatile.Read(ref received);
            if (total <= 1)
            {
                return;
            }

            int finished = Volatile.Read(ref done);
            post(new ProgressRecord(ActivityId, activity, string.Format(CultureInfo.InvariantCulture, "{0} of {1} done", finished, total))
            {
                PercentComplete = finished * 100 / total,
            });
        }
    }
}
