using System.IO;

namespace TokenLab.Client.IO
{
    /// <summary>The target file exists and overwriting was not allowed; nothing was written.</summary>
    public sealed class OutputFileExistsException : IOException
    {
        /// <summary>Creates the exception for <paramref name="path"/>.</summary>
        public OutputFileExistsException(string path)
            : base("The file '" + path + "' already exists and was not overwritten. Use -Force to replace it.")
        {
            Path = path;
        }

        /// <summary>The full path of the existing file.</summary>
        public string Path { get; }
    }
}
