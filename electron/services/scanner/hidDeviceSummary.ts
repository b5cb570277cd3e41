import type { HidDeviceSummary } from '../../../shared/scanner/scanTypes';
import { HID_USAGE_PAGE_BARCODE_SCANNER, type HidDeviceInfo } from './hidBackend';
import { SCANNER_NAME } from './hidScannerService';

/**
 * The scanner picker's list: one line per device (a device with several HID collections
 * is listed once, preferring its scanner collection), scanners first, no OS paths.
 */
export function summarizeHidDevices(devices: readonly HidDeviceInfo[]): HidDeviceSummary[] {
  const byDevice = new Map<string, HidDeviceSummary>();
  for (const device of devices) {
    const likelyScanner = device.usagePage === HID_USAGE_PAGE_BARCODE_SCANNER || SCANNER_NAME.test(`${device.manufacturer ?? ''} ${device.product ?? ''}`);
    const key = `${device.vendorId}:${device.productId}`;
    const existing = byDevice.get(key);
    if (existing && (existing.likelyScanner || !likelyScanner)) continue;
    byDevice.set(key, {
      vendorId: device.vendorId,
      productId: device.productId,
      ...(device.product ? { product: device.product } : {}),
      ...(device.manufacturer ? { manufacturer: device.manufacturer } : {}),
      ...(device.usagePage !== undefined ? { usagePage: device.usagePage } : {}),
      ...(device.usage !== undefined ? { usage: device.usage } : {}),
      likelyScanner,
    });
  }
  return [...byDevice.values()].sort((a, b) => Number(b.likelyScanner) - Number(a.likelyScanner) || (a.product ?? '').localeCompare(b.product ?? ''));
}
