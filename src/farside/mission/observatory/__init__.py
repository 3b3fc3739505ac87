"""A survey observatory in low Earth orbit: its scenario, the year flown once in the full force
model, the pointing programme, SAA, transients with the onboard follow-up, alerts, bulk-data
contacts, the exposure map and the orbit's lifetime (``farside observe``)."""
