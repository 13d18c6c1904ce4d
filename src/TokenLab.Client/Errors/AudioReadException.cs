using System;
using System.IO;

namespace TokenLab.Client
{
    /// <summary>
    /// An audio file to upload could not be opened when an attempt began (deleted, locked or denied since it
    /// was checked): a problem with the input, not with any output the command writes.
    /// </summary>
    public sealed class AudioReadException : IOException
    {
        /// <summary>The file at <paramref name="path"/> could not be opened, for the reason in <paramref name="innerException"/>.</summary>
        public AudioReadException(string path, Exception innerException)
            : base("The audio file '" + path + "' could not be read: " + innerException?.Message, innerException)
        {
            Path = path;
        }

        /// <summary>The file that could not be read.</summary>
        public string Path { get; }
    }
}
