; Inno Setup script: a per-user install of the one-folder bundle (no administrator rights).
; Built by CI on Windows (.github/workflows/dist.yml) after `make dist`-equivalent steps:
;   iscc /DAppVersion=0.1.0 packaging\windows\fieldkit.iss
; Output: dist\FieldKit-<version>-setup.exe. Signing: see docs/packaging.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "FieldKit"
#define SourceDir "..\..\dist\FieldKit"

[Setup]
AppId={{8C1F4D2A-5B7E-4E7B-9C1D-2F6A0B3E9D41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Étude nationale des tiers-lieux
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
; Per-user: installs under %LOCALAPPDATA%, writes HKCU only, never asks for elevation.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=FieldKit-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\FieldKit.exe
ChangesAssociations=yes
; SignTool=fieldkit  (enabled in CI only when a certificate is configured; docs/packaging.md)

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\FieldKit.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\FieldKit.exe"; Tasks: desktopicon

[Registry]
; Double-clicking a .fieldkit mission file opens it in FieldKit (per user: HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\.fieldkit"; ValueType: string; ValueName: ""; ValueData: "FieldKit.Mission"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\FieldKit.Mission"; ValueType: string; ValueName: ""; ValueData: "Mission FieldKit"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\FieldKit.Mission\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\FieldKit.exe,0"
Root: HKCU; Subkey: "Software\Classes\FieldKit.Mission\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\FieldKit.exe"" ""%1"""

[Run]
Filename: "{app}\FieldKit.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
