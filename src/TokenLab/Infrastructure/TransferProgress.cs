using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Write-Progress for transfers: bytes received (counted from any thread) and, when there are several,
    /// items done. Records are written only from the pipeline thread: the first at once, then at most
    /// every 250 ms, and a Completed record closes the bar. $ProgressPreference silences it as usual.
    /// </summary>
    internal sealed class TransferProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Stopwatch _sinceLastRecord = Stopwatch.StartNew();
        private long _bytes;
        private int _itemsStarted;
        private int _itemsDone;
        private bool _written;

        public TransferProgress(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
        }

        /// <summary>Counts received bytes; any thread.</summary>
        public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

        /// <summary>Counts an item whose work started; pipeline thread.</summary>
        public void ItemStarted() => _itemsStarted++;

        /// <summary>Counts an item whose work ended, however it ended; any thread.</summary>
        public void ItemFinished() => Interlocked.Increment(ref _itemsDone);

        /// <summary>Writes a record, unless one was written less than the interval ago; pipeline thread.</summary>
        public void Report()
        {
            if (_itemsStarted == 0 || (_written && _sinceLastRecord.Elapsed < Interval))
            {
                return;
            }

            _sinceLastRecord.Restart();
            int done = Volatile.Read(ref _itemsDone);
            var record = new ProgressRecord(_activityId, _activity, ByteSizeText.Format(Interlocked.Read(ref _bytes)) + " received");
            if (_itemsStarted > 1)
            {
                record.CurrentOperation = string.Format(CultureInfo.InvariantCulture, "{0} of {1} items done", done, _itemsStarted);
                record.PercentComplete = Math.Min(100, done * 100 / _itemsStarted);
            }

            _cmdlet.WriteProgress(record);
            _written = true;
        }

        /// <summary>Closes the progress bar if one was shown; pipeline thread.</summary>
        public void Complete()
        {
            if (_written)
            {
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
                _written = false;
            }
        }
    }
}
