<#
.SYNOPSIS
Builds the module's compiled help from its markdown: docs/TokenLab/*.md (PlatyPS v1 format,
schema 2.0.0) to en-US/<external help file> (MAML), and docs/about_*.md to about_*.help.txt.

.DESCRIPTION
A small stand-in for PlatyPS's New-ExternalHelp, used where PlatyPS is not installed (CI, a fresh
clone). It reads the markdown the way PlatyPS v1 does:

  # <Command>                 one page per command; the module page (front matter "Module Guid") is skipped
  ## SYNOPSIS, ## DESCRIPTION  paragraphs
  ## SYNTAX                   ignored: parameter sets come from the parameters' yaml blocks, as in PlatyPS
  ## EXAMPLES                 ### <title>, code blocks (joined by a blank line), then remarks
  ## PARAMETERS               ### -<Name>, description, one yaml block per distinct parameter-set metadata
  ## INPUTS, ## OUTPUTS       ### <type name>, description
  ## NOTES                    paragraphs and list items
  ## RELATED LINKS            [text](uri) lines; relative links keep their text and drop the uri

and writes the MAML schema PlatyPS writes (helpItems/command:command with command:details,
maml:description, command:syntax/command:syntaxItem per parameter set, command:parameters,
command:inputTypes, command:returnValues, maml:alertSet, command:examples, command:relatedLinks).

About topics become plain text: "## X" becomes an upper-case heading, paragraphs and list items are
wrapped at 80 columns, code blocks are indented by four spaces, and inline markdown (backticks,
links) is reduced to plain text.

The output is deterministic (UTF-8 without BOM, LF line ends), so a test can regenerate it and
compare it with the committed files. Runs in Windows PowerShell 5.1 and PowerShell 7.

.PARAMETER Path
The folder with the command pages (default: docs/TokenLab).

.PARAMETER AboutPath
The about_*.md files to convert (default: docs/about_*.md).

.PARAMETER OutputPath
Where the help files go (default: docs/en-US, which the build copies next to TokenLab.dll).

.EXAMPLE
dotnet pwsh ./tools/ConvertTo-MamlHelp.ps1

Regenerates docs/en-US/TokenLab.dll-Help.xml and docs/en-US/about_TokenLab.help.txt.
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/TokenLab'),
    [string[]] $AboutPath = @(Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/about_*.md'),
    [string] $OutputPath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'docs/en-US')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$KnownYamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position',
    'Default value', 'Accept pipeline input', 'Accept wildcard characters')

#region Markdown reading

function Read-MarkdownFile {
    # Returns the front matter (a hashtable) and the body lines of a markdown file.
    param([string] $LiteralPath)
    $text = [System.IO.File]::ReadAllText($LiteralPath) -replace "`r`n", "`n"
    $lines = $text.Split("`n")
    $front = @{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Trim() -eq '---') { $start = $i + 1; break }
            if ($lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $front[$Matches[1]] = $Matches[2] }
        }
    }
    [pscustomobject]@{
        Path        = $LiteralPath
        FrontMatter = $front
        Lines       = @($lines[$start..($lines.Count - 1)])
    }
}

function Split-MarkdownBlock {
    # Cuts markdown lines into headings, fenced code blocks and paragraphs (blank-line separated).
    param([string[]] $Lines)
    $blocks = New-Object System.Collections.Generic.List[object]
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        if ($line -match '^(\s*)(```+)\s*([^\s`]*)') {
            $indent = $Matches[1].Length
            $fence = $Matches[2]
            $language = $Matches[3]
            $code = New-Object System.Collections.Generic.List[string]
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i].Trim() -ne $fence) {
                $codeLine = $Lines[$i]
                if ($indent -gt 0 -and $codeLine.Length -ge $indent -and $codeLine.Substring(0, $indent).Trim() -eq '') {
                    $codeLine = $codeLine.Substring($indent)
                }
                $code.Add($codeLine.TrimEnd())
                $i++
            }
            if ($i -ge $Lines.Count) { throw "Unclosed code block ($fence$language)." }
            $i++
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Text = ($code -join "`n"); Level = 0 })
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*$') {
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Language = $null })
            $i++
        }
        elseif ($line.Trim() -eq '') {
            $i++
        }
        else {
            $paragraph = New-Object System.Collections.Generic.List[string]
            while ($i -lt $Lines.Count -and $Lines[$i].Trim() -ne '' -and
                $Lines[$i] -notmatch '^#{1,6}\s' -and $Lines[$i] -notmatch '^\s*```') {
                $paragraph.Add($Lines[$i])
                $i++
            }
            $blocks.Add([pscustomobject]@{ Kind = 'Paragraph'; Text = ($paragraph -join "`n"); Level = 0; Language = $null })
        }
    }
    , $blocks
}

function ConvertTo-PlainInline {
    # Inline markdown to text: links keep their text (and an absolute target), escapes are undone.
    # Backticks stay, as in PlatyPS's MAML, unless -RemoveCode.
    param([string] $Text, [switch] $RemoveCode)
    $result = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]+)\)', {
            param($match)
            $target = $match.Groups[2].Value
            if ($target -match '^[a-z]+://') { '{0} ({1})' -f $match.Groups[1].Value, $target } else { $match.Groups[1].Value }
        })
    $result = [regex]::Replace($result, '\\([\\`*_\[\]<>#|])', '$1')
    if ($RemoveCode) { $result = $result -replace '`', '' }
    $result
}

function Get-ParagraphText {
    # One markdown paragraph to help paragraphs: a plain paragraph becomes one line of text, a list
    # becomes one entry per item ("- item"), continuation lines joined to their item.
    param([string] $Text, [switch] $RemoveCode)
    $items = New-Object System.Collections.Generic.List[string]
    $current = $null
    foreach ($line in $Text.Split("`n")) {
        $trimmed = $line.Trim()
        if ($trimmed -match '^([-*]|\d+\.)\s+(.*)$') {
            if ($null -ne $current) { $items.Add($current) }
            $marker = $Matches[1]
            if ($marker -eq '*') { $marker = '-' }
            $current = $marker + ' ' + $Matches[2]
        }
        elseif ($null -eq $current) {
            $current = $trimmed
        }
        else {
            $current = $current + ' ' + $trimmed
        }
    }
    if ($null -ne $current) { $items.Add($current) }
    foreach ($item in $items) { ConvertTo-PlainInline -Text $item -RemoveCode:$RemoveCode }
}

function Get-SectionParagraph {
    # The paragraphs of blocks[start..] up to the next heading; returns the texts and the next index.
    param($Blocks, [int] $Start)
    $paras = New-Object System.Collections.Generic.List[string]
    $i = $Start
    while ($i -lt $Blocks.Count -and $Blocks[$i].Kind -ne 'Heading') {
        if ($Blocks[$i].Kind -ne 'Paragraph') {
            throw "Expected text, found a code block: '$($Blocks[$i].Text.Split("`n")[0])'."
        }
        foreach ($text in (Get-ParagraphText -Text $Blocks[$i].Text)) { $paras.Add($text) }
        $i++
    }
    [pscustomobject]@{ Paragraphs = $paras.ToArray(); Next = $i }
}

function ConvertFrom-YamlBlock {
    # A parameter's yaml block: simple "Key: value" pairs, keys as PlatyPS v1 writes them.
    param([string] $Text, [string] $ParameterName)
    $values = [ordered]@{}
    foreach ($line in $Text.Split("`n")) {
        if ($line.Trim() -eq '') { continue }
        if ($line -notmatch '^([^:]+):\s*(.*?)\s*$') { throw "-${ParameterName}: invalid yaml line '$line'." }
        $key = $Matches[1].Trim()
        if ($KnownYamlKeys -notcontains $key) { throw "-${ParameterName}: unknown yaml key '$key'." }
        $values[$key] = $Matches[2]
    }
    $position = 'named'
    if ($values.Contains('Position') -and $values['Position'] -ne '' -and $values['Position'] -ne 'Named') { $position = $values['Position'] }
    $sets = @('(All)')
    if ($values.Contains('Parameter Sets') -and $values['Parameter Sets'] -ne '') {
        $sets = @($values['Parameter Sets'].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
    $aliases = @()
    if ($values.Contains('Aliases') -and $values['Aliases'] -ne '') {
        $aliases = @($values['Aliases'].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
    $accepted = @()
    if ($values.Contains('Accepted values') -and $values['Accepted values'] -ne '') {
        $accepted = @($values['Accepted values'].Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    }
    $type = ''
    if ($values.Contains('Type')) { $type = $values['Type'] }
    if ($type -eq 'switch') { $type = 'SwitchParameter' }
    $pipeline = 'False'
    if ($values.Contains('Accept pipeline input') -and $values['Accept pipeline input'] -ne '') { $pipeline = $values['Accept pipeline input'] }
    $default = 'None'
    if ($values.Contains('Default value') -and $values['Default value'] -ne '') { $default = $values['Default value'] }
    [pscustomobject]@{
        Type           = $type
        ParameterSets  = $sets
        Aliases        = $aliases
        AcceptedValues = $accepted
        Required       = ($values.Contains('Required') -and $values['Required'] -eq 'True')
        Position       = $position
        DefaultValue   = $default
        PipelineInput  = $pipeline
        Globbing       = ($values.Contains('Accept wildcard characters') -and $values['Accept wildcard characters'] -eq 'True')
    }
}

function ConvertFrom-CommandMarkdown {
    <#
    .SYNOPSIS
    Reads one PlatyPS v1 command page into an object (name, synopsis, parameters, examples, ...).
    #>
    param([string] $LiteralPath)
    $file = Read-MarkdownFile -LiteralPath $LiteralPath
    $blocks = Split-MarkdownBlock -Lines $file.Lines
    if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1) {
        throw "${LiteralPath}: a command page starts with '# <command name>'."
    }
    $command = [pscustomobject]@{
        Name             = $blocks[0].Text
        ExternalHelpFile = $file.FrontMatter['external help file']
        OnlineVersion    = $file.FrontMatter['online version']
        Synopsis         = @()
        Description      = @()
        Examples         = New-Object System.Collections.Generic.List[object]
        Parameters       = New-Object System.Collections.Generic.List[object]
        Inputs           = New-Object System.Collections.Generic.List[object]
        Outputs          = New-Object System.Collections.Generic.List[object]
        Notes            = @()
        Links            = New-Object System.Collections.Generic.List[object]
    }

    $i = 1
    while ($i -lt $blocks.Count) {
        $heading = $blocks[$i]
        if ($heading.Kind -ne 'Heading' -or $heading.Level -ne 2) {
            throw "${LiteralPath}: expected a '## SECTION' heading, found '$($heading.Text.Split("`n")[0])'."
        }
        $i++
        $section = $heading.Text.ToUpperInvariant()
        switch ($section) {
            'SYNOPSIS' { $r = Get-SectionParagraph $blocks $i; $command.Synopsis = $r.Paragraphs; $i = $r.Next }
            'DESCRIPTION' { $r = Get-SectionParagraph $blocks $i; $command.Description = $r.Paragraphs; $i = $r.Next }
            'NOTES' { $r = Get-SectionParagraph $blocks $i; $command.Notes = $r.Paragraphs; $i = $r.Next }
            'SYNTAX' {
                # Informational only (PlatyPS derives the syntax from the parameters, and so do we).
                while ($i -lt $blocks.Count -and -not ($blocks[$i].Kind -eq 'Heading' -and $blocks[$i].Level -le 2)) { $i++ }
            }
            'EXAMPLES' {
                while ($i -lt $blocks.Count -and $blocks[$i].Kind -eq 'Heading' -and $blocks[$i].Level -eq 3) {
                    $title = $blocks[$i].Text
                    $i++
                    $code = New-Object System.Collections.Generic.List[object]
                    $remarks = New-Object System.Collections.Generic.List[string]
                    while ($i -lt $blocks.Count -and $blocks[$i].Kind -ne 'Heading') {
                        if ($blocks[$i].Kind -eq 'Code') {
                            $code.Add([pscustomobject]@{ Language = $blocks[$i].Language; Text = $blocks[$i].Text })
                        }
                        else {
                            foreach ($text in (Get-ParagraphText -Text $blocks[$i].Text)) { $remarks.Add($text) }
                        }
                        $i++
                    }
                    if ($code.Count -eq 0) { throw "${LiteralPath}: example '$title' has no code block." }
                    $command.Examples.Add([pscustomobject]@{ Title = $title; Code = $code.ToArray(); Remarks = $remarks.ToArray() })
                }
            }
            'PARAMETERS' {
                while ($i -lt $blocks.Count -and $blocks[$i].Kind -eq 'Heading' -and $blocks[$i].Level -eq 3) {
                    $heading3 = $blocks[$i].Text
                    $i++
                    if ($heading3 -eq 'CommonParameters') {
                        # The standard sentence about common parameters; Get-Help adds its own.
                        $r = Get-SectionParagraph $blocks $i; $i = $r.Next
                        continue
                    }
                    if ($heading3 -notmatch '^-(\w+)$') { throw "${LiteralPath}: parameter heading '$heading3' is not '### -Name'." }
                    $name = $Matches[1]
                    $description = New-Object System.Collections.Generic.List[string]
                    $metadata = New-Object System.Collections.Generic.List[object]
                    while ($i -lt $blocks.Count -and $blocks[$i].Kind -ne 'Heading') {
                        if ($blocks[$i].Kind -eq 'Code') {
                            $metadata.Add((ConvertFrom-YamlBlock -Text $blocks[$i].Text -ParameterName $name))
                        }
                        elseif ($metadata.Count -eq 0) {
                            foreach ($text in (Get-ParagraphText -Text $blocks[$i].Text)) { $description.Add($text) }
                        }
                        else {
                            throw "${LiteralPath}: text after the yaml of -$name."
                        }
                        $i++
                    }
                    if ($metadata.Count -eq 0) { throw "${LiteralPath}: -$name has no yaml block." }
                    $command.Parameters.Add([pscustomobject]@{ Name = $name; Description = $description.ToArray(); Metadata = $metadata.ToArray() })
                }
            }
            { $_ -eq 'INPUTS' -or $_ -eq 'OUTPUTS' } {
                $list = $command.Inputs
                if ($section -eq 'OUTPUTS') { $list = $command.Outputs }
                while ($i -lt $blocks.Count -and $blocks[$i].Kind -eq 'Heading' -and $blocks[$i].Level -eq 3) {
                    $typeName = $blocks[$i].Text
                    $r = Get-SectionParagraph $blocks ($i + 1)
                    $i = $r.Next
                    $list.Add([pscustomobject]@{ TypeName = $typeName; Description = $r.Paragraphs })
                }
            }
            'RELATED LINKS' {
                while ($i -lt $blocks.Count -and $blocks[$i].Kind -eq 'Paragraph') {
                    foreach ($line in $blocks[$i].Text.Split("`n")) {
                        if ($line.Trim() -eq '') { continue }
                        if ($line.Trim() -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') { throw "${LiteralPath}: related link '$line' is not '[text](uri)'." }
                        $command.Links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] })
                    }
                    $i++
                }
            }
            default { throw "${LiteralPath}: unknown section '## $($heading.Text)'." }
        }
        if ($i -lt $blocks.Count -and -not ($blocks[$i].Kind -eq 'Heading' -and $blocks[$i].Level -eq 2)) {
            throw "${LiteralPath}: unexpected content in '## $($heading.Text)': '$($blocks[$i].Text.Split("`n")[0])'."
        }
    }
    $command
}

function Get-CommandSyntax {
    <#
    .SYNOPSIS
    The parameter sets of a parsed page, as PlatyPS derives them: set names in order of first
    appearance in the parameters' yaml; "(All)" parameters belong to every set.
    #>
    param($Command)
    $setNames = New-Object System.Collections.Generic.List[string]
    foreach ($parameter in $Command.Parameters) {
        foreach ($metadata in $parameter.Metadata) {
            foreach ($set in $metadata.ParameterSets) {
                if ($set -ne '(All)' -and -not $setNames.Contains($set)) { $setNames.Add($set) }
            }
        }
    }
    if ($setNames.Count -eq 0) { $setNames.Add('(All)') }
    foreach ($set in $setNames) {
        $members = New-Object System.Collections.Generic.List[object]
        foreach ($parameter in $Command.Parameters) {
            $match = $null
            foreach ($metadata in $parameter.Metadata) {
                if ($metadata.ParameterSets -contains $set -or $metadata.ParameterSets -contains '(All)') { $match = $metadata; break }
            }
            if ($null -ne $match) { $members.Add([pscustomobject]@{ Parameter = $parameter; Metadata = $match }) }
        }
        [pscustomobject]@{ Name = $set; Parameters = $members.ToArray() }
    }
}

#endregion

#region MAML writing

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    foreach ($para in $Paragraphs) {
        $Writer.WriteElementString('maml', 'para', $MamlNs, $para)
    }
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $Metadata, [bool] $InSyntax)
    $isSwitch = $Metadata.Type -eq 'SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $CommandNs)
    $Writer.WriteAttributeString('required', $Metadata.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Metadata.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Metadata.PipelineInput)
    $Writer.WriteAttributeString('position', $Metadata.Position)
    $aliases = 'none'
    if ($Metadata.Aliases.Count -gt 0) { $aliases = $Metadata.Aliases -join ', ' }
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $MamlNs, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'Description', $MamlNs)
    Write-Paragraphs $Writer $Parameter.Description
    $Writer.WriteEndElement()
    if ($InSyntax -and $Metadata.AcceptedValues.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $CommandNs)
        foreach ($value in $Metadata.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $CommandNs, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $isSwitch)) {
        # Get-Help shows "-Name <Type>" from here; a switch shows no value in the syntax.
        $Writer.WriteStartElement('command', 'parameterValue', $CommandNs)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Metadata.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $DevNs)
    $Writer.WriteElementString('maml', 'name', $MamlNs, $Metadata.Type)
    $Writer.WriteElementString('maml', 'uri', $MamlNs, '')
    $Writer.WriteEndElement()
    $default = $Metadata.DefaultValue
    if ($isSwitch -and $default -eq 'None') { $default = 'False' }
    $Writer.WriteElementString('dev', 'defaultValue', $DevNs, $default)
    $Writer.WriteEndElement()
}

function Format-ExampleTitle {
    # PlatyPS pads example titles with dashes to 64 characters, which is how Get-Help shows them.
    param([string] $Title)
    if ([string]::IsNullOrWhiteSpace($Title) -or $Title.Length -ge 62) { return $Title }
    $pad = [int][math]::Floor((64 - $Title.Length - 2) / 2)
    ('-' * $pad) + ' ' + $Title + ' ' + ('-' * $pad)
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, $Command)
    $Writer.WriteStartElement('command', 'command', $CommandNs)
    $Writer.WriteAttributeString('xmlns', 'maml', 'http://www.w3.org/2000/xmlns/', $MamlNs)
    $Writer.WriteAttributeString('xmlns', 'command', 'http://www.w3.org/2000/xmlns/', $CommandNs)
    $Writer.WriteAttributeString('xmlns', 'dev', 'http://www.w3.org/2000/xmlns/', $DevNs)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', 'http://www.w3.org/2000/xmlns/', 'http://msdn.microsoft.com/mshelp')

    $verb, $noun = $Command.Name.Split('-', 2)
    $Writer.WriteStartElement('command', 'details', $CommandNs)
    $Writer.WriteElementString('command', 'name', $CommandNs, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $CommandNs, $verb)
    $Writer.WriteElementString('command', 'noun', $CommandNs, $noun)
    $Writer.WriteStartElement('maml', 'description', $MamlNs)
    Write-Paragraphs $Writer $Command.Synopsis
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('maml', 'description', $MamlNs)
    Write-Paragraphs $Writer $Command.Description
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'syntax', $CommandNs)
    foreach ($syntax in (Get-CommandSyntax $Command)) {
        $Writer.WriteStartElement('command', 'syntaxItem', $CommandNs)
        $Writer.WriteElementString('maml', 'name', $MamlNs, $Command.Name)
        foreach ($member in $syntax.Parameters) {
            Write-MamlParameter $Writer $member.Parameter $member.Metadata $true
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $CommandNs)
    foreach ($parameter in $Command.Parameters) {
        Write-MamlParameter $Writer $parameter $parameter.Metadata[0] $false
    }
    $Writer.WriteEndElement()

    foreach ($kind in @('Inputs', 'Outputs')) {
        $list = 'inputTypes'; $item = 'inputType'
        if ($kind -eq 'Outputs') { $list = 'returnValues'; $item = 'returnValue' }
        $Writer.WriteStartElement('command', $list, $CommandNs)
        foreach ($entry in $Command.$kind) {
            $Writer.WriteStartElement('command', $item, $CommandNs)
            $Writer.WriteStartElement('dev', 'type', $DevNs)
            $Writer.WriteElementString('maml', 'name', $MamlNs, $entry.TypeName)
            $Writer.WriteEndElement()
            $Writer.WriteStartElement('maml', 'description', $MamlNs)
            Write-Paragraphs $Writer $entry.Description
            $Writer.WriteEndElement()
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $MamlNs)
    $Writer.WriteStartElement('maml', 'alert', $MamlNs)
    Write-Paragraphs $Writer $Command.Notes
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $CommandNs)
    foreach ($example in $Command.Examples) {
        $Writer.WriteStartElement('command', 'example', $CommandNs)
        $Writer.WriteElementString('maml', 'title', $MamlNs, (Format-ExampleTitle $example.Title))
        $Writer.WriteElementString('dev', 'code', $DevNs, (($example.Code | ForEach-Object { $_.Text }) -join "`n`n"))
        $Writer.WriteStartElement('dev', 'remarks', $DevNs)
        # The empty last paragraph makes Get-Help leave a blank line before the next example.
        Write-Paragraphs $Writer (@($example.Remarks) + '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $CommandNs)
    foreach ($link in $Command.Links) {
        # Get-Help -Online needs an absolute uri; relative links between the pages keep only their text.
        $uri = ''
        if ($link.Uri -match '^[a-z]+://') { $uri = $link.Uri }
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNs)
        $Writer.WriteElementString('maml', 'linkText', $MamlNs, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $MamlNs, $uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function ConvertTo-MamlXml {
    <#
    .SYNOPSIS
    The MAML document (a string, LF line ends) for parsed command pages.
    #>
    param([object[]] $Commands)
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $stream = New-Object System.IO.MemoryStream
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($command in $Commands) { Write-MamlCommand $writer $command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
        $writer.Flush()
        ([System.Text.Encoding]::UTF8.GetString($stream.ToArray()) -replace "`r`n", "`n") + "`n"
    }
    finally {
        $writer.Dispose()
        $stream.Dispose()
    }
}

#endregion

#region About topics

function Format-Wrapped {
    # Word-wraps text to $Width columns; the first line starts with $FirstPrefix, the rest with $Prefix.
    param([string] $Text, [string] $FirstPrefix, [string] $Prefix, [int] $Width = 80)
    $lines = New-Object System.Collections.Generic.List[string]
    $line = $FirstPrefix
    $lineHasWord = $false
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ -ne '' })) {
        if ($lineHasWord -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = $Prefix + $word
        }
        elseif ($lineHasWord) {
            $line = $line + ' ' + $word
        }
        else {
            $line = $line + $word
        }
        $lineHasWord = $true
    }
    if ($lineHasWord) { $lines.Add($line) }
    $lines
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
    An about_*.md page to about_*.help.txt text: plain text, headings upper case, 80 columns.
    #>
    param([string] $LiteralPath)
    $file = Read-MarkdownFile -LiteralPath $LiteralPath
    $blocks = Split-MarkdownBlock -Lines $file.Lines
    $out = New-Object System.Collections.Generic.List[string]
    foreach ($block in $blocks) {
        switch ($block.Kind) {
            'Heading' {
                # "# about_Name" stays as it is, "## Section" is upper case, deeper headings keep their case.
                $title = ConvertTo-PlainInline $block.Text -RemoveCode
                if ($block.Level -eq 2) { $title = $title.ToUpperInvariant() }
                $out.Add($title)
            }
            'Code' {
                foreach ($line in $block.Text.Split("`n")) {
                    if ($line -eq '') { $out.Add('') } else { $out.Add('    ' + $line) }
                }
            }
            'Paragraph' {
                foreach ($item in (Get-ParagraphText -Text $block.Text -RemoveCode)) {
                    if ($item -match '^(-|\d+\.) ') {
                        $marker = $Matches[0]
                        foreach ($line in (Format-Wrapped $item.Substring($marker.Length) $marker (' ' * $marker.Length))) { $out.Add($line) }
                    }
                    else {
                        foreach ($line in (Format-Wrapped $item '' '')) { $out.Add($line) }
                    }
                }
            }
        }
        $out.Add('')
    }
    foreach ($line in $out) {
        if ($line.Length -gt 80) { throw "${LiteralPath}: this line is longer than 80 columns in the help text: '$line'." }
    }
    (($out -join "`n").TrimEnd() + "`n")
}

#endregion

function Write-Utf8File {
    param([string] $LiteralPath, [string] $Text)
    [System.IO.File]::WriteAllText($LiteralPath, $Text, (New-Object System.Text.UTF8Encoding($false)))
}

if (-not (Test-Path -LiteralPath $OutputPath)) { $null = New-Item -ItemType Directory -Path $OutputPath }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$pages = foreach ($file in (Get-ChildItem -LiteralPath $Path -Filter '*.md' | Sort-Object Name)) {
    $front = (Read-MarkdownFile -LiteralPath $file.FullName).FrontMatter
    if ($front.ContainsKey('Module Guid')) { continue }
    if (-not $front['external help file']) { throw "$($file.FullName): the front matter has no 'external help file'." }
    ConvertFrom-CommandMarkdown -LiteralPath $file.FullName
}
foreach ($group in (@($pages) | Group-Object ExternalHelpFile)) {
    $target = Join-Path $OutputPath $group.Name
    Write-Utf8File -LiteralPath $target -Text (ConvertTo-MamlXml -Commands $group.Group)
    Get-Item -LiteralPath $target
}

foreach ($file in (Get-ChildItem -Path $AboutPath | Sort-Object Name)) {
    $target = Join-Path $OutputPath ($file.BaseName + '.help.txt')
    Write-Utf8File -LiteralPath $target -Text (ConvertTo-AboutHelpText -LiteralPath $file.FullName)
    Get-Item -LiteralPath $target
}
