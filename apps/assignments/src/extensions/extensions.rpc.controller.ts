import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeadlineRpcPatterns,
  type DecideExtensionRequest,
  type ExtensionPage,
  type ExtensionView,
  type ListExtensionsRequest,
  type RequestExtensionRequest,
} from '#contracts';
import { ExtensionsService } from './extensions.service.js';

@Controller()
export class ExtensionsRpcController {
  constructor(private readonly extensions: ExtensionsService) {}

  @MessagePattern(DeadlineRpcPatterns.requestExtension)
  request(@Payload() request: RequestExtensionRequest): Promise<ExtensionView> {
    return this.extensions.request(request);
  }

  @MessagePattern(DeadlineRpcPatterns.decideExtension)
  decide(@Payload() request: DecideExtensionRequest): Promise<ExtensionView> {
    return this.extensions.decide(request);
  }

  @MessagePattern(DeadlineRpcPatterns.listExtensions)
  list(@Payload() request: ListExtensionsRequest): Promise<ExtensionPage> {
    return this.extensions.list(request);
  }
}
