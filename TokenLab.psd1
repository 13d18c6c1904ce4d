@{
    RootModule           = 'TokenLab.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '6f0d7c3e-2b4a-4c1e-9a57-3d8e1f2b6c41'
    Author               = 'TokenLab for PowerShell contributors'
    CompanyName          = 'TokenLab for PowerShell contributors'
    Copyright            = '(c) TokenLab for PowerShell contributors. MIT License.'
    Description          = 'Binary cmdlets for the TokenLab audio and realtime API: text to speech, transcription and translation, realtime sessions and the model catalog. Typed objects, streaming to disk, bounded retries, proxy support and SecretManagement (opt-in) on Windows PowerShell 5.1 and PowerShell 7.4+.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    TypesToProcess       = @('TokenLab.Types.ps1xml')
    FormatsToProcess     = @('TokenLab.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-TokenLab'
        'ConvertFrom-TokenLabAudio'
        'Disconnect-TokenLab'
        'Get-TokenLabContext'
        'Get-TokenLabModel'
        'Get-TokenLabRealtime'
        'New-TokenLabSpeech'
        'Receive-TokenLabRealtimeEvent'
        'Send-TokenLabRealtimeAudio'
        'Send-TokenLabRealtimeEvent'
        'Start-TokenLabRealtime'
        'Stop-TokenLabRealtime'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    FileList             = @(
        'TokenLab.psd1'
        'TokenLab.dll'
        'TokenLab.Client.dll'
        'TokenLab.Types.ps1xml'
        'TokenLab.Format.ps1xml'
        'en-US/TokenLab.dll-Help.xml'
        'en-US/about_TokenLab.help.txt'
        'Dependencies/System.Text.Json.dll'
        'Dependencies/System.Text.Encodings.Web.dll'
        'Dependencies/System.Memory.dll'
        'Dependencies/System.Buffers.dll'
        'Dependencies/System.Runtime.CompilerServices.Unsafe.dll'
        'Dependencies/System.Numerics.Vectors.dll'
        'Dependencies/System.Threading.Tasks.Extensions.dll'
        'Dependencies/Microsoft.Bcl.AsyncInterfaces.dll'
        'Dependencies/NAudio.Core.dll'
        'Dependencies/NLayer.dll'
        'Dependencies/NVorbis.dll'
    )
    PrivateData          = @{
        PSData = @{
            Tags         = @('TokenLab', 'TextToSpeech', 'SpeechToText', 'Transcription', 'Realtime', 'Audio', 'AI', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/tokenlab-powershell/TokenLab'
            LicenseUri   = 'https://github.com/tokenlab-powershell/TokenLab/blob/main/LICENSE'
            ReleaseNotes = 'Foundation: client core, credentials, errors, Get-TokenLabModel. New-TokenLabSpeech: text to speech streamed to disk, parallel pipelines, save instead of replay. ConvertFrom-TokenLabAudio: transcription and translation with streamed uploads, typed transcripts and subtitles. Realtime sessions: Start-, Send-, Receive-, Stop- and Get-TokenLabRealtime, typed events, one-shot turns saved as WAV.'
        }
    }
}
