using System.IO;
using System.Management.Automation;

namespace TokenLab.PowerShell.Output
{
    /// <summary>An output that stands for a file the command saved (or found saved); null when it saved none.</summary>
    internal interface ISavedFile
    {
        FileInfo? SavedFile { get; }
    }

    /// <summary>
    /// The members TokenLab.Types.ps1xml gives every output that is a saved file (speech, a saved transcript, a
    /// turn's reply audio), so that it pipes into Get-Item, Copy-Item, Move-Item, Remove-Item and Invoke-Item as
    /// Get-ChildItem's output does: PSPath binds their -LiteralPath (no wildcards, so names with [ ] work), and
    /// FullName binds the -LiteralPath or -InputFile of this module's cmdlets.
    /// </summary>
    public static class SavedFileMembers
    {
        private const string FileSystemProvider = @"Microsoft.PowerShell.Core\FileSystem::";

        /// <summary>The saved file, or null.</summary>
        public static FileInfo? File(object output) => (output is PSObject wrapped ? wrapped.BaseObject : output) is ISavedFile saved ? saved.SavedFile : null;

        /// <summary>The saved file's full path, or null.</summary>
        public static string? FullName(object output) => File(output)?.FullName;

        /// <summary>The saved file's provider-qualified path, as Get-ChildItem gives it; null without a file.</summary>
        public static string? PSPath(object output) => FullName(output) is string path ? FileSystemProvider + path : null;
    }
}
