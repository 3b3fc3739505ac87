KPL/FK

Lunar frames for the DE440 Moon orientation PCK (moon_pa_de440_200625.bpc), used by the tests
as SPICE's side of the comparison. MOON_PA_DE440 is the PCK frame of class id 31008;
MOON_ME_DE440_ME421 is a fixed (TK) frame relative to it. The TK angles are the inverse of the
DE440 PA -> DE421 ME rotation of Park et al. (2021), "The JPL Planetary and Lunar Ephemerides
DE440 and DE441", AJ 161:105: -67.8526" about z, -78.6944" about y, -0.2785" about x. SPICE's
TK convention (Frames Required Reading) gives the matrix from the TK frame to its relative
frame, so the kernel lists the positive angles about axes 3, 2, 1 (as NAIF's moon_de440_220930.tf).

\begindata

   FRAME_MOON_PA_DE440           = 31008
   FRAME_31008_NAME              = 'MOON_PA_DE440'
   FRAME_31008_CLASS             = 2
   FRAME_31008_CLASS_ID          = 31008
   FRAME_31008_CENTER            = 301

   FRAME_MOON_ME_DE440_ME421     = 31009
   FRAME_31009_NAME              = 'MOON_ME_DE440_ME421'
   FRAME_31009_CLASS             = 4
   FRAME_31009_CLASS_ID          = 31009
   FRAME_31009_CENTER            = 301
   TKFRAME_31009_SPEC            = 'ANGLES'
   TKFRAME_31009_RELATIVE        = 'MOON_PA_DE440'
   TKFRAME_31009_ANGLES          = ( 67.8526   78.6944   0.2785 )
   TKFRAME_31009_AXES            = ( 3,        2,        1      )
   TKFRAME_31009_UNITS           = 'ARCSECONDS'

\begintext
