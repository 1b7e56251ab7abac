import {Table} from 'apache-arrow';
import {integerColumn, varcharColumn} from './arrow-columns';

/** A plant of the reference set; `lineCount` is how many production lines machines are spread over. */
export interface Plant {
  plantId: string;
  plantName: string;
  site: string;
  division: string;
  region: string;
  timeZone: string;
  /** The standard-time offset, which holds for the whole January window (no plant changes clocks in it). */
  utcOffsetMinutes: number;
  lineCount: number;
}

/**
 * The ten plants: a strict hierarchy (each site in one division, each division in one region) with
 * two multi-plant sites, and offsets from UTC-6 to UTC+9 including a half-hour one (India).
 */
export const plants: readonly Plant[] = [
  {plantId: 'PLANT_01', plantName: 'Stuttgart Assembly', site: 'Stuttgart Campus', division: 'Automotive Europe', region: 'EMEA', timeZone: 'Europe/Berlin', utcOffsetMinutes: 60, lineCount: 4},
  {plantId: 'PLANT_02', plantName: 'Stuttgart Machining', site: 'Stuttgart Campus', division: 'Automotive Europe', region: 'EMEA', timeZone: 'Europe/Berlin', utcOffsetMinutes: 60, lineCount: 3},
  {plantId: 'PLANT_03', plantName: 'Brno Electronics', site: 'Brno', division: 'Electronics Europe', region: 'EMEA', timeZone: 'Europe/Prague', utcOffsetMinutes: 60, lineCount: 3},
  {plantId: 'PLANT_04', plantName: 'Porto Molding', site: 'Porto', division: 'Electronics Europe', region: 'EMEA', timeZone: 'Europe/Lisbon', utcOffsetMinutes: 0, lineCount: 2},
  {plantId: 'PLANT_05', plantName: 'Monterrey Assembly', site: 'Monterrey Campus', division: 'Automotive Americas', region: 'AMER', timeZone: 'America/Monterrey', utcOffsetMinutes: -360, lineCount: 4},
  {plantId: 'PLANT_06', plantName: 'Monterrey Paint', site: 'Monterrey Campus', division: 'Automotive Americas', region: 'AMER', timeZone: 'America/Monterrey', utcOffsetMinutes: -360, lineCount: 2},
  {plantId: 'PLANT_07', plantName: 'Greenville Drives', site: 'Greenville', division: 'Industrial Americas', region: 'AMER', timeZone: 'America/New_York', utcOffsetMinutes: -300, lineCount: 3},
  {plantId: 'PLANT_08', plantName: 'Suzhou Electronics', site: 'Suzhou', division: 'Electronics Asia', region: 'APAC', timeZone: 'Asia/Shanghai', utcOffsetMinutes: 480, lineCount: 4},
  {plantId: 'PLANT_09', plantName: 'Pune Machining', site: 'Pune', division: 'Industrial Asia', region: 'APAC', timeZone: 'Asia/Kolkata', utcOffsetMinutes: 330, lineCount: 3},
  {plantId: 'PLANT_10', plantName: 'Nagoya Test Center', site: 'Nagoya', division: 'Industrial Asia', region: 'APAC', timeZone: 'Asia/Tokyo', utcOffsetMinutes: 540, lineCount: 2},
];

/** The plants table; it has no randomness, so the seed does not change it. */
export function plantsTable(): Table {
  return new Table({
    plant_id: varcharColumn(plants.map((plant) => plant.plantId)),
    plant_name: varcharColumn(plants.map((plant) => plant.plantName)),
    site: varcharColumn(plants.map((plant) => plant.site)),
    division: varcharColumn(plants.map((plant) => plant.division)),
    region: varcharColumn(plants.map((plant) => plant.region)),
    time_zone: varcharColumn(plants.map((plant) => plant.timeZone)),
    utc_offset_minutes: integerColumn(Int32Array.from(plants, (plant) => plant.utcOffsetMinutes)),
  });
}
