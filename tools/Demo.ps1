<#
.SYNOPSIS
A short tour of the TokenLab module against the local emulator (run by build.ps1 -Task Demo).
It needs no real key and no network beyond loopback.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $ApiKey
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

function Show-Step([string] $Title, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "PS> $($Command.ToString().Trim())" -ForegroundColor Cyan
    & $Command | Out-Host
}

Write-Host "TokenLab $((Get-Module TokenLab).Version) against the emulator at $BaseUri" -ForegroundColor Green

Show-Step 'Point the session at the emulator' { Connect-TokenLab -BaseUri $BaseUri -ApiKey $ApiKey -PassThru }
Show-Step 'Recommended speech models, best first' { Get-TokenLabModel -RecommendedFor tts }
Show-Step 'Recommended transcription models' { Get-TokenLabModel -RecommendedFor stt | Select-Object Id, RecommendationRank, SuccessRate24h, RecommendationStatus }
Show-Step 'Details of one model' { Get-TokenLabModel -Id tts-1 | Format-List Id, Provider, PricingUnit, Pricing, SupportedParameters, OutputFormats }
Show-Step 'Models for the realtime WebSocket' { Get-TokenLabModel -Realtime }
Show-Step 'Wildcards filter on the client' { Get-TokenLabModel -Id 'gpt-4o*' }
Show-Step 'Errors carry an ID, a category and the request ID' {
    try { Get-TokenLabModel -Id tts-2 -ErrorAction Stop }
    catch { [pscustomobject]@{ ErrorId = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category; RequestId = $_.Exception.RequestId; Action = $_.ErrorDetails.RecommendedAction } | Format-List }
}
Show-Step 'A one-shot realtime turn: the spoken reply is saved as a WAV file' {
    $reply = Join-Path ([System.IO.Path]::GetTempPath()) 'tokenlab-demo-reply.wav'
    Start-TokenLabRealtime -Model gpt-realtime -Text 'What can the TokenLab module do?' -OutFile $reply -Force |
        Format-List Transcript, AudioPath, Duration, Usage, SessionId
}
Show-Step 'The reply is a 24 kHz mono 16-bit PCM WAV file' {
    $bytes = [System.IO.File]::ReadAllBytes((Join-Path ([System.IO.Path]::GetTempPath()) 'tokenlab-demo-reply.wav'))
    [pscustomobject]@{ SampleRate = [BitConverter]::ToInt32($bytes, 24); Channels = [BitConverter]::ToInt16($bytes, 22); BitsPerSample = [BitConverter]::ToInt16($bytes, 34); Bytes = $bytes.Length }
}

# Speech: a fresh folder per run, so the first call generates and the second finds everything saved.
$speechFolder = Join-Path ([System.IO.Path]::GetTempPath()) "tokenlab-demo-speech-$PID"
$lines = 'Good morning, the build is green.', 'Deployment starts at noon.', 'Please review the release notes.'
try {
    Show-Step 'Speech for three lines, generated in parallel into a folder' { $lines | New-TokenLabSpeech -OutDirectory $speechFolder -Format wav -Ordered }
    Show-Step 'The same lines again: saved audio is reused, nothing is requested' { $lines + 'One new line.' | New-TokenLabSpeech -OutDirectory $speechFolder -Format wav -Ordered }
    Show-Step 'The files on disk' { Get-ChildItem -LiteralPath $speechFolder | Select-Object Name, Length }
}
finally {
    Remove-Item -LiteralPath $speechFolder -Recurse -Force -ErrorAction SilentlyContinue
}

# Transcription: speech made above comes back as text; its segments become an SRT file.
$transcriptFolder = Join-Path ([System.IO.Path]::GetTempPath()) "tokenlab-demo-transcription-$PID"
try {
    $null = New-Item -ItemType Directory -Path $transcriptFolder
    $srt = Join-Path $transcriptFolder 'briefing.srt'
    Show-Step 'Round trip: speech, then its transcript' {
        New-TokenLabSpeech 'Good morning, everyone. The backup finished overnight. Two servers need updates.' -Format wav -OutDirectory $transcriptFolder |
            ConvertFrom-TokenLabAudio -OutFile $srt
    }
    Show-Step 'The SRT subtitles written from its segments' { Get-Content -LiteralPath $srt }
    Show-Step 'Segments with their times' { (ConvertFrom-TokenLabAudio -LiteralPath (Get-ChildItem -LiteralPath $transcriptFolder -Filter *.wav).FullName).Segments | Format-Table }
}
finally {
    Remove-Item -LiteralPath $transcriptFolder -Recurse -Force -ErrorAction SilentlyContinue
}

Disconnect-TokenLab
