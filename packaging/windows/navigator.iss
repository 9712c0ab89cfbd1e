; Inno Setup recipe: Navigator for one Windows user, installed without admin rights.
;
; Build the app folder first (python quickstart.py package -> dist\navigator\), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\navigator.iss
; which writes dist\Navigator-setup.exe. The GitHub workflow (.github/workflows/package.yml)
; does both on windows-latest.
;
; - Per user, no admin rights (PrivilegesRequired=lowest): the program goes to
;   %LOCALAPPDATA%\Programs\Navigator and its shortcut to the user's own Start menu.
; - The user's data (their copy of the directory, people's records, backups, settings) is in
;   %LOCALAPPDATA%\Navigator, where platformdirs puts it: not in the program's folder, so an
;   upgrade (installing a newer setup over this one) and an uninstall leave it alone. The
;   uninstaller removes only the files this setup installed.
; - Nothing is sent online by installing or starting Navigator.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Dist "..\..\dist"

[Setup]
; The same AppId for every release, so a newer setup upgrades this install in place.
AppId={{6B568BEE-6327-40C5-AFAF-083DDE036EC4}
AppName=Navigator
AppVersion={#AppVersion}
AppPublisher=Navigator
DefaultDirName={localappdata}\Programs\Navigator
PrivilegesRequired=lowest
DisableProgramGroupPage=yes
DisableDirPage=yes
UninstallDisplayName=Navigator
UninstallDisplayIcon={app}\navigator.exe
OutputDir={#Dist}
OutputBaseFilename=Navigator-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
; Close a running Navigator before replacing its files.
CloseApplications=yes

[Files]
Source: "{#Dist}\navigator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; {autoprograms} is the user's own Start menu when installing without admin rights.
Name: "{autoprograms}\Navigator"; Filename: "{app}\navigator.exe"; Comment: "Find community activities that fit a person"

[Run]
Filename: "{app}\navigator.exe"; Description: "Open Navigator now"; Flags: nowait postinstall skipifsilent
