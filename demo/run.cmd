@echo off
rem The one-command demo on Windows: see demo/run. Needs a JDK 17 or newer on the PATH (or JAVA_HOME).
setlocal
cd /d "%~dp0\.."
if not "%DEMO_SKIP_BUILD%"=="1" (
  echo Building the three applications and the demo launcher...
  call mvnw.cmd -B -q -Dmaven.test.skip=true -pl e2e-tests -am package || exit /b 1
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
for %%f in (e2e-tests\target\e2e-tests-*.jar) do set "LAUNCHER=%%f"
"%JAVA%" -jar "%LAUNCHER%" %*
