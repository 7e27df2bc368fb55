/**
 * @module store/export/regions
 * ACLED's region of each country (the `region` column of ACLED exports), by
 * ISO 3166-1 alpha-3 code. Source: ACLED's published region list (ACLED
 * Codebook, "Regions" and the country coverage pages); territories follow
 * their geographic region. Countries missing here export an empty region.
 */

const REGIONS: Readonly<Record<string, string>> = {
  'Western Africa': 'BEN BFA CPV CIV GMB GHA GIN GNB LBR MLI MRT NER NGA SEN SLE TGO SHN',
  'Middle Africa': 'AGO CMR CAF TCD COG COD GNQ GAB STP',
  'Eastern Africa': 'BDI COM DJI ERI ETH KEN MDG MWI MUS MYT MOZ REU RWA SYC SOM SSD TZA UGA ZMB ZWE IOT ATF',
  'Southern Africa': 'BWA SWZ LSO NAM ZAF',
  'Northern Africa': 'DZA EGY LBY MAR SDN TUN ESH',
  'Middle East': 'BHR CYP IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM',
  'South Asia': 'AFG BGD BTN IND MDV NPL PAK LKA',
  'Southeast Asia': 'BRN KHM IDN LAO MYS MMR PHL SGP THA TLS VNM',
  'East Asia': 'CHN HKG JPN MAC MNG PRK KOR TWN',
  'Caucasus and Central Asia': 'ARM AZE GEO KAZ KGZ TJK TKM UZB',
  Europe:
    'ALB AND AUT BLR BEL BIH BGR HRV CZE DNK EST FRO FIN FRA DEU GIB GRC GGY HUN ISL IRL IMN ITA JEY XKX LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SJM SWE CHE UKR GBR VAT ALA',
  'North America': 'CAN USA GRL BMU SPM',
  'Central America': 'BLZ CRI SLV GTM HND MEX NIC PAN',
  'South America': 'ARG BOL BRA CHL COL ECU FLK GUF GUY PRY PER SUR URY VEN SGS',
  Caribbean:
    'AIA ATG ABW BHS BRB BES VGB CYM CUB CUW DMA DOM GRD GLP HTI JAM MTQ MSR PRI BLM KNA LCA MAF VCT SXM TTO TCA VIR',
  Oceania:
    'ASM AUS COK FJI PYF GUM KIR MHL FSM NRU NCL NZL NIU NFK MNP PLW PNG PCN WSM SLB TKL TON TUV UMI VUT WLF CXR CCK HMD',
  Antarctica: 'ATA BVT',
};

const BY_ISO3: ReadonlyMap<string, string> = new Map(
  Object.entries(REGIONS).flatMap(([region, codes]) => codes.split(' ').map((c) => [c, region] as const)),
);

/**
 * @param iso3 ISO 3166-1 alpha-3 code (XKX for Kosovo)
 * @returns the ACLED region, or an empty string when unknown
 * @example acledRegion('SYR') // 'Middle East'
 */
export function acledRegion(iso3: string | null): string {
  return (iso3 && BY_ISO3.get(iso3)) ?? '';
}
