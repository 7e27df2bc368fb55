/**
 * @module place/distance
 * Great-circle distance between two points (haversine, mean Earth radius 6,371 km).
 */

/**
 * @param lat1 latitude of the first point, degrees
 * @param lon1 longitude of the first point, degrees
 * @param lat2 latitude of the second point, degrees
 * @param lon2 longitude of the second point, degrees
 * @returns the distance in kilometres
 * @example distanceKm(35.44, 36.65, 35.65, 36.68) // ≈ 23 (Khan Shaykhun → Maarat al-Numan)
 */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(Math.min(1, h)));
}
