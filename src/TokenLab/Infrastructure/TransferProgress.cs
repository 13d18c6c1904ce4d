using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using TokenLab.Client.Speech;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Write-Progress for downloads: bytes received (counted from any thread), with the total and a percentage where
    /// they are known (a declared Content-Length, the parts of a -Split and the part being received) while one item
    /// runs, and items done when there are several. Records are written only from the pipeline thread: the first at
    /// once, then at most every 250 ms, and a Completed record closes the bar. $ProgressPreference silences it as usual.
    /// </summary>
    internal sealed class TransferProgress : ISpeechDownloadProgress
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private readonly Stopwatch _sinceLastRecord = Stopwatch.StartNew();
        private readonly object _gate = new object();
        private long _bytes;
        private long _responseBytes;
        private long? _responseLength;
        private int _part;
        private int _parts;
        private int _itemsStarted;
        private int _itemsDone;
        private bool _written;

        public TransferProgress(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
        }

        /// <summary>A request for part <paramref name="part"/> of <paramref name="parts"/> of an item is about to be sent; any thread.</summary>
        public void PartStarted(int part, int parts)
        {
            lock (_gate)
            {
                _part = part;
                _parts = parts;
                _responseBytes = 0;
                _responseLength = null;
            }
        }

        /// <inheritdoc />
        public void Started(long? audioLength)
        {
            lock (_gate)
            {
                _responseBytes = 0;
                _responseLength = audioLength > 0 ? audioLength : null;
            }
        }

        /// <inheritdoc />
        public void Received(long count)
        {
            lock (_gate)
            {
                _bytes += count;
                _responseBytes += count;
            }
        }

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
            _cmdlet.WriteProgress(_itemsStarted > 1 ? ItemsRecord() : DownloadRecord());
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

        /// <summary>Several items: the bytes of all, and the share of items done.</summary>
        private ProgressRecord ItemsRecord()
        {
            int done = Volatile.Read(ref _itemsDone);
            long bytes;
            lock (_gate)
            {
                bytes = _bytes;
            }

            return new ProgressRecord(_activityId, _activity, ByteSizeText.Format(bytes) + " received")
            {
                CurrentOperation = string.Format(CultureInfo.InvariantCulture, "{0} of {1} items done", done, _itemsStarted),
                PercentComplete = Math.Min(100, done * 100 / _itemsStarted),
            };
        }

        /// <summary>
        /// One item: the bytes, the declared length of the response being received, and with several parts the part
        /// number. The percentage counts the parts done and the share of the current one that its length tells.
        /// </summary>
        private ProgressRecord DownloadRecord()
        {
            lock (_gate)
            {
                double share = _responseLength is long length ? Math.Min(1.0, (double)_responseBytes / length) : 0.0;
                string status = _responseLength is long total && _parts <= 1
                    ? ByteSizeText.Format(_bytes) + " of " + ByteSizeText.Format(total) + " received"
                    : ByteSizeText.Format(_bytes) + " received";
                var record = new ProgressRecord(_activityId, _activity, status);
                if (_parts > 1)
                {
                    record.CurrentOperation = string.Format(CultureInfo.InvariantCulture, "Part {0} of {1}", _part, _parts)
                        + (_responseLength is long partLength ? ": " + ByteSizeText.Format(_responseBytes) + " of " + ByteSizeText.Format(partLength) : string.Empty);
                    record.PercentComplete = (int)Math.Min(100, ((_part - 1) + share) * 100 / _parts);
                }
                else if (_responseLength is not null)
                {
                    record.PercentComplete = (int)(share * 100);
                }

                return record;
            }
        }
    }
}
