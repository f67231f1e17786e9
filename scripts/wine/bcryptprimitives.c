/* Test-only stand-in for Windows' bcryptprimitives.dll, for scripts/check-packages.
 *
 * Rust's standard library (1.78 and later) gets random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has, but which Debian 12's Wine
 * (8.0) lacks, so a Rust program does not even start under it ("Library
 * bcryptprimitives.dll ... not found"). check-packages compiles this file with mingw
 * and puts the DLL beside the unpacked test copy of wpk-timeline.exe, never into a
 * package. ProcessPrng is implemented with RtlGenRandom (advapi32), which Wine has. */
#include <windows.h>

/* RtlGenRandom is exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
