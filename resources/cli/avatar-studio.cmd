@echo off
rem The command line of an installed Avatar Studio: the app answers --cli (no window).
"%~dp0..\..\avatar-studio.exe" --cli %*
exit /b %ERRORLEVEL%
