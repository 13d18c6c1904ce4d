using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace TokenLab.PowerShell
{
    /// <summary>
    /// Loads what the module ships in Dependencies/ for the module's own assemblies; the rule of what is
    /// answered is <see cref="DependencyResolver"/>. On Windows PowerShell 5.1 (.NET Framework) that is the
    /// System.Text.Json family: powershell.exe applies no binding redirects, and the family's assemblies
    /// reference each other at mismatched versions. On PowerShell 7 the runtime's own copies of that family
    /// win (the event is raised only for what the runtime cannot find), so only the audio codecs (NAudio.Core,
    /// NLayer, NVorbis), which no runtime has, come from Dependencies/.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly DependencyResolver Resolver =
            new DependencyResolver(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".");

        internal static bool IsDesktop { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            Assembly? requester = args.RequestingAssembly;
            string? path = Resolver.Resolve(new AssemblyName(args.Name), requester is { IsDynamic: false } ? requester.Location : null);
            return path is null ? null : Assembly.LoadFrom(path);
        }
    }
}
